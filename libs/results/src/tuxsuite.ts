/**
 * TuxSuite / TuxRun `results.json` → results. Unlike the text parsers, path[0] is the test
 * family (`ltp`, `kselftest`, a definition name, or `boot`): the caller adds no collection.
 */
import { bootFromLogin, definitionPath, stripRunIndex, type LoginStep } from './definitions.js';
import { Diagnostics } from './diagnostics.js';
import { LIMITS } from './limits.js';
import { PathRegistry, segmentOr } from './segments.js';
import { isJobErrorType, tuxsuiteResultStatus } from './status-map.js';
import { clipLine, isRecord, tailLines, toDuration, toMeasurement } from './text.js';
import type { NormalisedResult, ParseOutcome } from './types.js';

/** Options for {@link parseTuxsuiteResults}. */
export interface TuxsuiteParseOptions {
  /** Test definitions the job was asked to run (TuxSuite `status.tests`, e.g. ['boot', 'ltp-smoke']). */
  testNames?: string[];
}

const LOGIN_STEPS = ['login-action', 'auto-login-action'];

/** Parses a TuxSuite/TuxRun results.json document; never throws, see README for the mapping. */
export function parseTuxsuiteResults(
  doc: unknown,
  options: TuxsuiteParseOptions = {},
): ParseOutcome {
  const diagnostics = new Diagnostics();
  const results: NormalisedResult[] = [];
  try {
    collect(doc, options, results, diagnostics);
  } catch (error) {
    diagnostics.add(`internal error, results may be incomplete: ${String(error)}`);
  }
  return { results, diagnostics: diagnostics.list() };
}

function collect(
  doc: unknown,
  options: TuxsuiteParseOptions,
  results: NormalisedResult[],
  diagnostics: Diagnostics,
): void {
  const suites: { name: string; cases: Record<string, unknown> }[] = [];
  if (isRecord(doc)) {
    for (const [rawName, value] of Object.entries(doc)) {
      if (isRecord(value)) suites.push({ name: stripRunIndex(rawName), cases: value });
      else diagnostics.add(`suite ${clipLine(rawName)} is not an object; ignored`);
    }
  } else {
    diagnostics.add('results.json is not an object');
  }

  const registry = new PathRegistry();
  const add = (result: NormalisedResult): void => {
    if (results.length >= LIMITS.maxResults) {
      diagnostics.addOnce(
        'max-results',
        `more than ${LIMITS.maxResults} results; the rest were dropped`,
      );
      return;
    }
    results.push({ ...result, path: registry.claim(result.path) });
  };

  const lava = suites.find((suite) => suite.name === 'lava')?.cases;
  const job = isRecord(lava?.job) ? lava.job : undefined;
  const errorType = typeof job?.error_type === 'string' ? job.error_type : undefined;
  if (errorType !== undefined) {
    const message = typeof job?.error_msg === 'string' ? `: ${clipLine(job.error_msg)}` : '';
    diagnostics.add(`lava job error_type ${clipLine(errorType)}${message}`);
  }

  const logins = LOGIN_STEPS.flatMap((name) => loginStep(lava?.[name]));
  let booted = false;
  if (logins.length > 0) {
    add(bootFromLogin(logins, errorType));
    booted = true;
  } else {
    diagnostics.add('no login-action in the lava suite: no boot result');
  }

  for (const { name: suite, cases } of suites) {
    if (suite === 'lava') continue;
    if (Object.keys(cases).length === 0) diagnostics.add(`suite ${clipLine(suite)} has no cases`);
    const base = definitionPath(suite);
    for (const [name, value] of Object.entries(cases)) {
      if (typeof value !== 'string' && (!isRecord(value) || typeof value.result !== 'string')) {
        diagnostics.addOnce(
          `no-result:${suite}`,
          `suite ${clipLine(suite)}: a case without a result is reported as ERROR`,
        );
      }
      add(caseResult([...base, segmentOr(name, 'unnamed')], value));
    }
  }

  const infra = errorType !== undefined && isJobErrorType(errorType);
  const names: unknown = isRecord(options) ? options.testNames : undefined;
  const expected = new Set<unknown>(Array.isArray(names) ? names : []);
  for (const name of expected) {
    if (typeof name !== 'string') {
      diagnostics.add('a testNames entry is not a string; ignored');
      continue;
    }
    const wanted = stripRunIndex(name);
    const present =
      name === 'boot'
        ? booted
        : suites.some((suite) => suite.name === wanted && Object.keys(suite.cases).length > 0);
    if (present) continue;
    const path = name === 'boot' ? ['boot'] : definitionPath(wanted);
    const status = infra ? 'ERROR' : 'MISS';
    diagnostics.add(`${clipLine(name)}: expected but no results, reported as ${status}`);
    add({ path, status, rawStatus: 'missing' });
  }
}

function loginStep(value: unknown): LoginStep[] {
  if (!isRecord(value) || typeof value.result !== 'string') return [];
  const step: LoginStep = { result: value.result };
  const duration = toDuration(value.duration);
  if (duration !== undefined) step.durationSeconds = duration;
  const failure = isRecord(value.extra) ? value.extra.fail : undefined;
  if (typeof failure === 'string') step.failure = clipLine(failure);
  return [step];
}

/**
 * One test case: `{"result": "pass", "starttc": 958, ...}` plus optional measurement and
 * log_excerpt; a bare word (`"access01": "pass"`, as in TuxSuite's `status.results`) is read too.
 */
function caseResult(path: string[], value: unknown): NormalisedResult {
  if (typeof value === 'string')
    return { path, status: tuxsuiteResultStatus(value), rawStatus: value };
  if (!isRecord(value) || typeof value.result !== 'string') {
    return { path, status: 'ERROR', rawStatus: '' };
  }
  const result: NormalisedResult = {
    path,
    status: tuxsuiteResultStatus(value.result),
    rawStatus: value.result,
  };
  const duration = toDuration(value.duration);
  if (duration !== undefined) result.durationSeconds = duration;
  const number = toMeasurement(value.measurement, value.units ?? value.unit);
  if (number) result.number = number;
  if (Array.isArray(value.log_excerpt)) {
    const lines = value.log_excerpt
      .slice(-LIMITS.maxLogLines)
      .filter((l): l is string => typeof l === 'string');
    if (lines.length > 0) result.logLines = tailLines(lines);
  }
  return result;
}
