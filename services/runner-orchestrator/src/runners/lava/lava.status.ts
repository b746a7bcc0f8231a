import { parseDocument, stringify } from 'yaml';
import type { FinishedResult, RunnerJobState } from '../runner-adapter.js';
import { isRecord } from '../http.js';
import type { LavaJob } from './lava.client.js';

/** LAVA's job `state` words (REST strings; callback `state_string`, or `state` as 0..5). */
export type LavaState =
  'Submitted' | 'Scheduling' | 'Scheduled' | 'Running' | 'Canceling' | 'Finished';
/** LAVA's job `health` words (REST strings; callback `health_string`, or `health` as 0..3). */
export type LavaHealth = 'Unknown' | 'Complete' | 'Incomplete' | 'Canceled';

export const LAVA_STATES: Record<LavaState, 'queued' | 'running' | 'finished'> = {
  Submitted: 'queued',
  Scheduling: 'queued',
  Scheduled: 'queued',
  Running: 'running',
  Canceling: 'running', // still holds the device; health comes with Finished
  Finished: 'finished',
};

/** Whether a finished job's health means the lab failed rather than the kernel (Incomplete: see the error type). */
export const LAVA_HEALTH_IS_INFRASTRUCTURE: Record<LavaHealth, boolean | 'by-error-type'> = {
  Complete: false,
  Incomplete: 'by-error-type',
  Canceled: true,
  Unknown: true, // finished without a verdict: nothing to hold against the kernel
};

/**
 * `error_type` of the `lava` suite's `job` case that make an Incomplete job the lab's failure.
 * `Job`, `Test` and `LAVATimeout` (e.g. no login prompt: the kernel did not boot) stay the kernel's.
 */
export const INFRASTRUCTURE_ERROR_TYPES = new Set([
  'Infrastructure',
  'Canceled',
  'Bug',
  'Configuration',
]);

const STATE_BY_NUMBER: LavaState[] = [
  'Submitted',
  'Scheduling',
  'Scheduled',
  'Running',
  'Canceling',
  'Finished',
];
const HEALTH_BY_NUMBER: LavaHealth[] = ['Unknown', 'Complete', 'Incomplete', 'Canceled'];
/** The legacy `status_string` some labs still send, for when the newer fields are missing. */
const LEGACY: Record<string, [LavaState, LavaHealth]> = {
  submitted: ['Submitted', 'Unknown'],
  running: ['Running', 'Unknown'],
  canceling: ['Canceling', 'Unknown'],
  complete: ['Finished', 'Complete'],
  incomplete: ['Finished', 'Incomplete'],
  canceled: ['Finished', 'Canceled'],
};

// Not carried on: the log and results (passed separately), definitions, secrets and personal data.
const DROPPED_FIELDS = [
  'log',
  'results',
  'definition',
  'original_definition',
  'multinode_definition',
  'token',
  'submitter_email',
];
const FIELD_MAX_CHARS = 64 * 1024;

/** Maps a LAVA notify callback body (`TestJob.create_job_data`, runners.md §4.3). */
export function mapLavaCallback(body: Record<string, unknown>, logUrl: string): RunnerJobState {
  const legacy =
    typeof body.status_string === 'string' ? LEGACY[body.status_string.toLowerCase()] : undefined;
  const state = word(body.state_string, body.state, STATE_BY_NUMBER) ?? legacy?.[0];
  const health = word(body.health_string, body.health, HEALTH_BY_NUMBER) ?? legacy?.[1];
  const results = suiteResults(body.results);
  return mapState(state, health, {
    status: trimStatus(body),
    logUrl,
    start: body.start_time,
    end: body.end_time,
    ...(results !== undefined ? { inlineResults: results } : {}),
  });
}

/** Maps a job from `GET /api/v0.2/jobs/{id}/`, with its results export when it has finished. */
export function mapLavaJob(job: LavaJob, logUrl: string, resultsYaml?: string): RunnerJobState {
  const results = resultsYaml === undefined ? undefined : groupBySuite(resultsYaml);
  return mapState(
    word(job.state, undefined, STATE_BY_NUMBER),
    word(job.health, undefined, HEALTH_BY_NUMBER),
    {
      status: trimStatus(job),
      logUrl,
      start: job.start_time,
      end: job.end_time,
      ...(results !== undefined ? { inlineResults: results } : {}),
    },
  );
}

interface Details {
  status: Record<string, unknown>;
  logUrl: string;
  start: unknown;
  end: unknown;
  inlineResults?: Record<string, string>;
}

function mapState(
  state: string | undefined,
  health: string | undefined,
  d: Details,
): RunnerJobState {
  // A state we cannot read is taken as "still going": the reconciler asks again later.
  const ours =
    state !== undefined && Object.hasOwn(LAVA_STATES, state)
      ? LAVA_STATES[state as LavaState]
      : 'running';
  if (ours !== 'finished') return { state: ours };
  const runnerResult = health ?? 'Unknown';
  const rule = Object.hasOwn(LAVA_HEALTH_IS_INFRASTRUCTURE, runnerResult)
    ? LAVA_HEALTH_IS_INFRASTRUCTURE[runnerResult as LavaHealth]
    : true;
  const errorType = jobError(d.inlineResults)?.errorType;
  const infrastructureError =
    rule === 'by-error-type'
      ? errorType !== undefined && INFRASTRUCTURE_ERROR_TYPES.has(errorType)
      : rule;
  const startedAt = lavaTime(d.start);
  const finishedAt = lavaTime(d.end);
  const duration =
    startedAt !== undefined && finishedAt !== undefined
      ? (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000
      : undefined;
  const result: FinishedResult = {
    runnerResult,
    infrastructureError,
    status: d.status,
    logUrl: d.logUrl,
    ...(d.inlineResults !== undefined ? { inlineResults: d.inlineResults } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(duration !== undefined && duration >= 0 ? { durationSeconds: duration } : {}),
  };
  return { state: 'finished', result };
}

/** The `lava` suite's `job` case: why LAVA ended the job (`error_type`, `error_msg`). */
export function jobError(
  results: Record<string, string> | undefined,
): { errorType?: string; errorMsg?: string } | undefined {
  const suite = results?.lava;
  if (suite === undefined) return undefined;
  const cases = parseYaml(suite);
  if (!Array.isArray(cases)) return undefined;
  const job: unknown = cases.find((c) => isRecord(c) && c.name === 'job');
  const metadata = isRecord(job) && isRecord(job.metadata) ? job.metadata : undefined;
  if (metadata === undefined) return undefined;
  return {
    ...(typeof metadata.error_type === 'string' ? { errorType: metadata.error_type } : {}),
    ...(typeof metadata.error_msg === 'string' ? { errorMsg: metadata.error_msg } : {}),
  };
}

/**
 * LAVA times: `str(datetime)` in callbacks (`2024-05-02 10:00:00.123456+00:00`, or `None`), ISO
 * in REST. Without a zone they are UTC. Returned as RFC 3339 with the zone, precision kept.
 */
export function lavaTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  if (!m) return undefined;
  const zone =
    m[3] === undefined || m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const iso = `${m[1]}T${m[2]}${zone}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** The callback's `results`: suite → YAML string; anything else in it is dropped. */
function suiteResults(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [suite, yaml] of Object.entries(value))
    if (typeof yaml === 'string') out[suite] = yaml;
  return out;
}

/** The REST results export (one YAML list of cases, each naming its suite) in the callback's shape. */
export function groupBySuite(resultsYaml: string): Record<string, string> | undefined {
  const cases = parseYaml(resultsYaml);
  if (!Array.isArray(cases)) return undefined;
  const bySuite = new Map<string, unknown[]>();
  for (const c of cases) {
    if (!isRecord(c) || typeof c.suite !== 'string') continue;
    bySuite.set(c.suite, [...(bySuite.get(c.suite) ?? []), c]);
  }
  return Object.fromEntries(
    [...bySuite].map(([suite, list]) => [suite, stringify(list, { lineWidth: 0 })]),
  );
}

function word(text: unknown, num: unknown, byNumber: string[]): string | undefined {
  if (typeof text === 'string' && text !== '') return text;
  if (typeof num === 'number' && Number.isInteger(num)) return byNumber[num];
  if (typeof num === 'string' && num !== '') return num;
  return undefined;
}

function trimStatus(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (DROPPED_FIELDS.includes(key)) continue;
    if (JSON.stringify(value ?? null).length > FIELD_MAX_CHARS) continue;
    out[key] = value;
  }
  return out;
}

function parseYaml(text: string): unknown {
  try {
    // PyYAML may tag values (e.g. Decimal measurements): unknown tags are warnings, read as plain.
    const doc = parseDocument(text, { logLevel: 'silent' });
    return doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}
