import type { FinishedResult, RunnerJobState } from '../runner-adapter.js';
import { isRecord } from '../http.js';
import type { TuxStatusObject } from './tuxsuite.client.js';
import { repairInvalidEscapes } from './tuxsuite.signature.js';

/** TuxSuite's `state` words, builds and tests together (runners.md §1.4, §1.6). */
export type TuxState = 'queued' | 'waiting' | 'provisioning' | 'building' | 'running' | 'finished';
/** TuxSuite's `result` (and `build_status`) words. */
export type TuxResult = 'pass' | 'fail' | 'error' | 'canceled' | 'unknown';

/** Our reading of each state; `finished` is the only one that carries a result. */
export const TUX_STATES: Record<TuxState, 'queued' | 'running' | 'finished'> = {
  queued: 'queued',
  waiting: 'queued', // a test waiting for its build
  provisioning: 'queued',
  building: 'running',
  running: 'running',
  finished: 'finished',
};

/** Whether a finished job's result means the runner failed rather than the kernel. */
export const TUX_RESULT_IS_INFRASTRUCTURE: Record<TuxResult, boolean> = {
  pass: false,
  fail: false,
  error: true, // "infrastructure error; see logs"
  canceled: true,
  unknown: true, // finished without a verdict: nothing to hold against the kernel
};

export type TuxCallbackKind = 'build' | 'test';

/** A parsed callback body: `{kind, status}` with the status object's uid. */
export interface TuxCallback {
  kind: TuxCallbackKind;
  status: TuxStatusObject & { uid: string };
}

/** Callback kinds we launch; `kbuild` is an older name for `build`. */
const KINDS: Record<string, TuxCallbackKind> = { build: 'build', kbuild: 'build', test: 'test' };

// Fields a status object should not carry further: secrets we sent, personal data.
const DROPPED_FIELDS = ['callback_headers', 'user'];
// A field this large is a log or a listing, not status.
const FIELD_MAX_CHARS = 64 * 1024;

/**
 * Parses a verified callback body: repairs `\'`, unwraps a double-encoded body, and requires
 * `kind` (build, kbuild or test) and `status.uid`.
 */
export function parseTuxsuiteCallback(
  text: string,
): { ok: true; callback: TuxCallback } | { ok: false; reason: string } {
  let value = parseJson(repairInvalidEscapes(text));
  // The older double-encoded delivery: a JSON string whose content is the document.
  if (typeof value === 'string') value = parseJson(repairInvalidEscapes(value));
  if (value === undefined) return { ok: false, reason: 'the callback body is not JSON' };
  if (!isRecord(value)) return { ok: false, reason: 'the callback body is not a JSON object' };
  const kind =
    typeof value.kind === 'string' && Object.hasOwn(KINDS, value.kind)
      ? KINDS[value.kind]
      : undefined;
  if (kind === undefined) {
    return {
      ok: false,
      reason: `unexpected callback kind ${JSON.stringify(value.kind)} (expected build or test)`,
    };
  }
  const status = value.status;
  if (!isRecord(status) || typeof status.uid !== 'string' || status.uid === '') {
    return { ok: false, reason: 'the callback has no status.uid' };
  }
  return { ok: true, callback: { kind, status: status as TuxStatusObject & { uid: string } } };
}

/** Maps a TuxSuite build or test status object to our view of the job. */
export function mapTuxsuiteStatus(kind: TuxCallbackKind, status: TuxStatusObject): RunnerJobState {
  const state = typeof status.state === 'string' ? status.state : '';
  // A state word we do not know yet is taken as "still going": the reconciler asks again later.
  const ours = Object.hasOwn(TUX_STATES, state) ? TUX_STATES[state as TuxState] : 'running';
  if (ours !== 'finished') return { state: ours };
  return { state: 'finished', result: finishedResult(kind, status) };
}

function finishedResult(kind: TuxCallbackKind, status: TuxStatusObject): FinishedResult {
  const result = firstWord(status.result, status.build_status) ?? 'unknown';
  // A result word we do not know is not held against the kernel.
  const infrastructureError = Object.hasOwn(TUX_RESULT_IS_INFRASTRUCTURE, result)
    ? TUX_RESULT_IS_INFRASTRUCTURE[result as TuxResult]
    : true;
  const base = downloadBase(status.download_url);
  const file = (name: unknown): string | undefined =>
    base !== undefined && typeof name === 'string' && /^[\w.+-]+$/.test(name)
      ? base + name
      : undefined;
  const startedAt = tuxTime(status.running_time) ?? tuxTime(status.provisioning_time);
  const finishedAt = tuxTime(status.finished_time);
  const out: FinishedResult = {
    runnerResult: result,
    infrastructureError,
    status: trimStatus(status),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(typeof status.duration === 'number' &&
    Number.isFinite(status.duration) &&
    status.duration >= 0
      ? { durationSeconds: status.duration }
      : {}),
  };
  if (kind === 'test') {
    return {
      ...out,
      ...defined('resultsUrl', file('results.json')),
      ...defined('logUrl', file('logs.txt')),
    };
  }
  const artifacts = {
    ...defined('kernelImageUrl', file(status.kernel_image_name)),
    ...defined('modulesUrl', file(status.modules)), // `false` when no modules were built
    ...defined('configUrl', file('config')),
    ...defined('buildLogUrl', file('build.log')),
  };
  return { ...out, ...defined('logUrl', file('build.log')), artifacts };
}

/** TuxSuite times are ISO 8601 in UTC without a zone; KCIDB needs one. */
export function tuxTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  if (!m) return undefined;
  const zone =
    m[3] === undefined ? 'Z' : m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const iso = `${m[1]}T${m[2]}${zone}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** `download_url` (storage folder of the job, normally with a trailing slash), if it is http(s). */
function downloadBase(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.search = '';
  url.hash = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function trimStatus(status: TuxStatusObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(status)) {
    if (DROPPED_FIELDS.includes(key)) continue;
    if (JSON.stringify(value ?? null).length > FIELD_MAX_CHARS) continue;
    out[key] = value;
  }
  return out;
}

function firstWord(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

function defined<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
