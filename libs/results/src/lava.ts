/**
 * LAVA notify-callback `results` → results. Each value is a YAML string: a list of test cases
 * (`name, result, measurement, unit, metadata{set, ...}, log_start_line, ...`). As for
 * TuxSuite, path[0] is the definition family or `boot`: the caller adds no collection.
 */
import { parseDocument } from 'yaml';
import { bootFromLogin, definitionPath, stripRunIndex, type LoginStep } from './definitions.js';
import { Diagnostics } from './diagnostics.js';
import { LIMITS } from './limits.js';
import { PathRegistry, segmentOr } from './segments.js';
import { lavaHealthStatus, lavaResultStatus } from './status-map.js';
import { clipLine, isRecord, toDuration, toMeasurement } from './text.js';
import type { NormalisedResult, ParseOutcome } from './types.js';

const LOGIN_STEPS = new Set(['login-action', 'auto-login-action']);

/** Parses a LAVA callback's `results` and `health_string`; never throws, see README. */
export function parseLavaResults(results: Record<string, string>, health: string): ParseOutcome {
  const diagnostics = new Diagnostics();
  const out: NormalisedResult[] = [];
  try {
    collect(results, typeof health === 'string' ? health : '', out, diagnostics);
  } catch (error) {
    diagnostics.add(`internal error, results may be incomplete: ${String(error)}`);
  }
  return { results: out, diagnostics: diagnostics.list() };
}

function collect(
  results: unknown,
  health: string,
  out: NormalisedResult[],
  diagnostics: Diagnostics,
): void {
  const suites: { name: string; cases: Record<string, unknown>[] }[] = [];
  if (isRecord(results)) {
    for (const [name, text] of Object.entries(results)) {
      const cases = parseSuite(name, text, diagnostics);
      if (cases) suites.push({ name, cases });
    }
  } else {
    diagnostics.add('callback results is not an object');
  }

  const registry = new PathRegistry();
  const add = (result: NormalisedResult): void => {
    if (out.length >= LIMITS.maxResults) {
      diagnostics.addOnce(
        'max-results',
        `more than ${LIMITS.maxResults} results; the rest were dropped`,
      );
      return;
    }
    out.push({ ...result, path: registry.claim(result.path) });
  };

  const lava = suites.filter((suite) => suite.name === 'lava').flatMap((suite) => suite.cases);
  const job = lava.find((c) => c.name === 'job');
  const jobMeta = isRecord(job?.metadata) ? job.metadata : {};
  const errorType = typeof jobMeta.error_type === 'string' ? jobMeta.error_type : undefined;
  if (errorType !== undefined) {
    const message = typeof jobMeta.error_msg === 'string' ? `: ${clipLine(jobMeta.error_msg)}` : '';
    diagnostics.add(`lava job error_type ${clipLine(errorType)}${message}`);
  }

  const logins = lava.flatMap(loginStep);
  if (logins.length > 0) {
    add(bootFromLogin(logins, errorType));
  } else if (health.trim().toLowerCase() === 'complete') {
    diagnostics.add('no login step in the lava suite and the job is Complete: no boot result');
  } else {
    diagnostics.add(
      `no login step in the lava suite; boot from job health ${clipLine(health) || '(none)'}`,
    );
    add({ path: ['boot'], status: lavaHealthStatus(health), rawStatus: health });
  }

  for (const suite of suites) {
    if (suite.name === 'lava') continue;
    const base = definitionPath(stripRunIndex(suite.name));
    for (const c of suite.cases) add(caseResult(base, c, suite.name, diagnostics));
  }
}

/** The case list of one suite, or undefined (with a diagnostic) when it cannot be read. */
function parseSuite(
  name: string,
  text: unknown,
  diagnostics: Diagnostics,
): Record<string, unknown>[] | undefined {
  const label = clipLine(name);
  if (typeof text !== 'string') {
    diagnostics.add(`suite ${label}: results are not a YAML string; skipped`);
    return undefined;
  }
  if (text.length > LIMITS.maxYamlChars) {
    diagnostics.add(
      `suite ${label}: results YAML larger than ${LIMITS.maxYamlChars} characters; skipped`,
    );
    return undefined;
  }
  let value: unknown;
  try {
    const doc = parseDocument(text, { logLevel: 'silent', prettyErrors: false, uniqueKeys: false });
    const error = doc.errors[0];
    if (error) {
      diagnostics.add(`suite ${label}: YAML does not parse (${error.code}); skipped`);
      return undefined;
    }
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    diagnostics.add(`suite ${label}: YAML does not parse (${clipLine(String(error))}); skipped`);
    return undefined;
  }
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    diagnostics.add(`suite ${label}: no test cases`);
    return [];
  }
  if (!Array.isArray(value)) {
    diagnostics.add(`suite ${label}: results YAML is not a list of test cases; skipped`);
    return undefined;
  }
  const cases = value.filter(isRecord);
  if (cases.length < value.length)
    diagnostics.add(
      `suite ${label}: ${value.length - cases.length} entries are not test cases; ignored`,
    );
  return cases;
}

function loginStep(c: Record<string, unknown>): LoginStep[] {
  if (typeof c.name !== 'string' || !LOGIN_STEPS.has(c.name)) return [];
  const meta = isRecord(c.metadata) ? c.metadata : {};
  const step: LoginStep = { result: typeof c.result === 'string' ? c.result : '' };
  const duration = toDuration(meta.duration);
  if (duration !== undefined) step.durationSeconds = duration;
  const failure = isRecord(meta.extra) ? meta.extra.fail : undefined;
  if (typeof failure === 'string') step.failure = clipLine(failure);
  return [step];
}

/** One case: path [family..., set?, name], its result, duration and measurement. */
function caseResult(
  base: string[],
  c: Record<string, unknown>,
  suite: string,
  diagnostics: Diagnostics,
): NormalisedResult {
  const meta = isRecord(c.metadata) ? c.metadata : {};
  const name = typeof c.name === 'string' || typeof c.name === 'number' ? String(c.name) : '';
  const set = typeof meta.set === 'string' || typeof meta.set === 'number' ? String(meta.set) : '';
  const path = set
    ? [...base, segmentOr(set, 'set'), segmentOr(name, 'unnamed')]
    : [...base, segmentOr(name, 'unnamed')];
  const word = typeof c.result === 'string' ? c.result : '';
  if (name === '' || word === '') {
    diagnostics.addOnce(
      `incomplete-case:${suite}`,
      `suite ${clipLine(suite)}: a case without a name or result`,
    );
  }
  const result: NormalisedResult = { path, status: lavaResultStatus(word), rawStatus: word };
  const duration = toDuration(meta.duration);
  if (duration !== undefined) result.durationSeconds = duration;
  const number = toMeasurement(c.measurement, c.unit);
  if (number) result.number = number;
  return result;
}
