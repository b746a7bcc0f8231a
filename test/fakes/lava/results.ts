/**
 * What a LAVA job leaves behind: the log (`output.yaml`, a YAML list of `{dt, lvl, msg}`) and the
 * per-suite results, each a YAML list of test cases as `export_testcase` writes them
 * (shared/reference/runners.md §4.3).
 */
import { stringify } from 'yaml';
import type { Json } from '../tuxsuite/wire.js';
import { stamp, type JsonObject, type LavaHealth } from './protocol.js';

export type LavaCaseResult = 'pass' | 'fail' | 'skip' | 'unknown';

/** A test case as tests write it; the fake fills the rest of `export_testcase`'s fields. */
export interface LavaTestCase {
  name: string;
  result: LavaCaseResult;
  measurement?: number;
  unit?: string;
  level?: string;
  /** e.g. `{set: 'timers'}` for test sets, `{error_type, error_msg}` for the `lava` suite's `job`. */
  metadata?: JsonObject;
  logStartLine?: number;
  logEndLine?: number;
}

/** Suite name (`lava`, `0_ltp-smoke`, …) → a ready YAML string, or cases serialised for you. */
export type LavaResults = Record<string, string | LavaTestCase[]>;

/** One log entry; a bare string is a `target` (serial console) line. */
export type LavaLogEntry = string | { lvl: string; msg: Json; dt?: string };

/** `output.yaml` text: one flow mapping per line, like LAVA's log writer. */
export function lavaLog(entries: readonly LavaLogEntry[]): string {
  return entries
    .map((entry) => {
      const { lvl, msg, dt } =
        typeof entry === 'string' ? { lvl: 'target', msg: entry, dt: undefined } : entry;
      const when = dt ?? stamp().rest.slice(0, -1);
      return `- {"dt": "${when}", "lvl": "${lvl}", "msg": ${JSON.stringify(msg)}}\n`;
    })
    .join('');
}

let nextCaseId = 1;

/** A suite's cases as `yaml.dump([export_testcase(c) …])` writes them (block style, sorted keys). */
export function suiteYaml(jobId: number, suite: string, cases: readonly LavaTestCase[]): string {
  const exported = cases.map((c) => {
    const id = nextCaseId++;
    return {
      id: String(id),
      job: String(jobId),
      level: c.level ?? '',
      log_end_line: c.logEndLine === undefined ? 'None' : String(c.logEndLine),
      log_start_line: c.logStartLine === undefined ? 'None' : String(c.logStartLine),
      logged: stamp().python,
      measurement: c.measurement === undefined ? 'None' : String(c.measurement),
      metadata: c.metadata ?? null,
      name: c.name,
      result: c.result,
      suite,
      unit: c.unit ?? '',
      url: `/results/testcase/${id}`,
    };
  });
  return stringify(exported, { sortMapEntries: true });
}

/** Suite → YAML string, serialising case lists. */
export function resultsYaml(jobId: number, results: LavaResults): Record<string, string> {
  return Object.fromEntries(
    Object.entries(results).map(([suite, cases]) => [
      suite,
      typeof cases === 'string' ? cases : suiteYaml(jobId, suite, cases),
    ]),
  );
}

/** When a test gives no results: the `lava` suite with its `job` case, as every job has. */
export function defaultResults(health: LavaHealth): LavaResults {
  if (health === 'Complete') return { lava: [{ name: 'job', result: 'pass' }] };
  const errorType = health === 'Canceled' ? 'Canceled' : 'Infrastructure';
  const job: LavaTestCase = {
    name: 'job',
    result: 'fail',
    metadata: { error_type: errorType, error_msg: `fake ${health.toLowerCase()} job` },
  };
  return { lava: [job] };
}

/** When a test gives no log: a short boot. */
export function defaultLog(jobId: number, health: LavaHealth): string {
  return lavaLog([
    { lvl: 'info', msg: 'lava-dispatcher, installed at version: 2024.05' },
    { lvl: 'info', msg: 'start: 0 validate' },
    `[    0.000000] Linux version 6.9.0-rc1 (fake job ${jobId})`,
    '/ # ',
    {
      lvl: 'results',
      msg: { case: 'job', definition: 'lava', result: health === 'Complete' ? 'pass' : 'fail' },
    },
  ]);
}
