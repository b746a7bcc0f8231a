/**
 * LTP output → results, whatever shape it comes in: a kirk `--json-report`, ltp-pan/runltp
 * blocks, the runltp `-l` table, kirk's console lines or plain test-library lines.
 * Paths are `[<tag>]`: the caller adds the collection (e.g. `ltp.syscalls`).
 */
import { Diagnostics } from './diagnostics.js';
import { scanLtpText, type LtpEntry, type LtpShape } from './ltp-text.js';
import { LIMITS } from './limits.js';
import { PathRegistry, segmentOr } from './segments.js';
import { ltpResultStatus } from './status-map.js';
import { isRecord, splitLines, tailLines, toDuration } from './text.js';
import type { NormalisedResult, ParseOutcome } from './types.js';

/** When one test appears in several shapes, the most detailed one wins (lower is better). */
const SHAPE_RANK: Record<LtpShape, number> = {
  pan: 0,
  'kirk-json': 0,
  table: 1,
  'kirk-console': 2,
  plain: 3,
};

/** Parses LTP output of any shape; never throws, see README for the mapping. */
export function parseLtp(text: string): ParseOutcome {
  const diagnostics = new Diagnostics();
  if (typeof text !== 'string') {
    diagnostics.add('input is not text');
    return { results: [], diagnostics: diagnostics.list() };
  }
  let entries: LtpEntry[] = [];
  try {
    const json = text.trimStart().startsWith('{') ? parseJson(text, diagnostics) : undefined;
    entries =
      json === undefined
        ? scanLtpText(splitLines(text, diagnostics), diagnostics)
        : kirkReport(json, diagnostics);
  } catch (error) {
    diagnostics.add(`internal error, results may be incomplete: ${String(error)}`);
  }
  if (entries.length === 0) diagnostics.add('no LTP results found');
  return { results: merge(entries, diagnostics), diagnostics: diagnostics.list() };
}

function parseJson(text: string, diagnostics: Diagnostics): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    diagnostics.add('input starts like JSON but does not parse; read as text');
    return undefined;
  }
}

/** kirk `--json-report`: `{"results": [{"test_fqn", "status", "test": {"log", "duration", ...}}]}`. */
function kirkReport(doc: unknown, diagnostics: Diagnostics): LtpEntry[] {
  const items = isRecord(doc) ? doc.results : undefined;
  if (!Array.isArray(items)) {
    diagnostics.add('JSON without a "results" list: not a kirk report');
    return [];
  }
  const entries: LtpEntry[] = [];
  for (const [index, item] of items.slice(0, LIMITS.maxResults).entries()) {
    const name = isRecord(item) && typeof item.test_fqn === 'string' ? item.test_fqn : undefined;
    if (!isRecord(item) || name === undefined) {
      diagnostics.addOnce('kirk-item', `kirk result ${index} has no test_fqn; ignored`);
      continue;
    }
    const test = isRecord(item.test) ? item.test : {};
    const word =
      typeof item.status === 'string'
        ? item.status
        : typeof test.result === 'string'
          ? test.result
          : '';
    if (word === '') diagnostics.add(`${name}: no status in the kirk report, reported as ERROR`);
    const log = typeof test.log === 'string' ? splitLines(test.log, diagnostics) : [];
    const entry: LtpEntry = {
      shape: 'kirk-json',
      name,
      status: ltpResultStatus(word),
      rawStatus: word,
      logLines: tailLines(log),
    };
    const duration = toDuration(test.duration);
    if (duration !== undefined) entry.durationSeconds = duration;
    entries.push(entry);
  }
  return entries;
}

/** Keeps each test from its most detailed shape, in order, with unique sanitised paths. */
function merge(entries: readonly LtpEntry[], diagnostics: Diagnostics): NormalisedResult[] {
  const best = new Map<string, number>();
  const named = entries.map((entry) => ({ entry, segment: segmentOr(entry.name, 'unnamed') }));
  for (const { entry, segment } of named) {
    best.set(segment, Math.min(best.get(segment) ?? Infinity, SHAPE_RANK[entry.shape]));
  }
  const registry = new PathRegistry();
  const results: NormalisedResult[] = [];
  for (const { entry, segment } of named) {
    if (SHAPE_RANK[entry.shape] !== best.get(segment)) {
      diagnostics.addOnce(
        `shadow:${segment}:${entry.shape}`,
        `${segment}: ${entry.shape} line ignored, a more detailed report exists`,
      );
      continue;
    }
    const result: NormalisedResult = {
      path: registry.claim([segment]),
      status: entry.status,
      rawStatus: entry.rawStatus,
    };
    if (entry.logLines.length > 0) result.logLines = entry.logLines;
    if (entry.durationSeconds !== undefined) result.durationSeconds = entry.durationSeconds;
    results.push(result);
  }
  return results;
}
