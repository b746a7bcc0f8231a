/**
 * A LAVA TestJob as the fake keeps it, and the two ways LAVA shows one: the REST object of
 * `GET /api/v0.2/jobs/{id}/` and `TestJob.create_job_data()`, the body of notify callbacks
 * (shared/reference/runners.md §4.1, §4.3).
 */
import type { Json } from '../tuxsuite/wire.js';
import {
  HEALTHS,
  legacyStatus,
  priorityOf,
  pythonStr,
  STATES,
  type JsonObject,
  type LavaHealth,
  type LavaState,
  type Stamp,
} from './protocol.js';

export interface LavaJob {
  readonly id: number;
  /** The definition exactly as submitted. */
  readonly definition: string;
  /** The definition parsed (YAML). */
  readonly parsed: JsonObject;
  /** The `Authorization` header of the submission, as received. */
  readonly submittedAuth: string | undefined;
  readonly submitter: string;
  readonly submitTime: Stamp;
  state: LavaState;
  health: LavaHealth;
  startTime: Stamp | undefined;
  endTime: Stamp | undefined;
  actualDevice: string | null;
  failureComment: string | null;
  /** `output.yaml` so far ('' before the job starts). */
  log: string;
  /** Suite → YAML list of test cases, once finished. */
  results: Record<string, string>;
}

/** The `metadata:` block as `get_metadata_dict()` gives it: one-key dicts with string values. */
export function metadataList(job: LavaJob): Json[] {
  const metadata = job.parsed.metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return [];
  return Object.entries(metadata).map(([key, value]) => ({ [key]: pythonStr(value) }));
}

function deviceType(job: LavaJob): string {
  return typeof job.parsed.device_type === 'string' ? job.parsed.device_type : '';
}

function description(job: LavaJob): string {
  return typeof job.parsed.job_name === 'string' ? job.parsed.job_name : '';
}

/** The DRF serialisation of a job (strings for state and health). */
export function restObject(job: LavaJob): JsonObject {
  return {
    id: job.id,
    submitter: job.submitter,
    viewing_groups: [],
    description: description(job),
    health_check: false,
    requested_device_type: deviceType(job),
    tags: [],
    actual_device: job.actualDevice,
    submit_time: job.submitTime.rest,
    start_time: job.startTime?.rest ?? null,
    end_time: job.endTime?.rest ?? null,
    state: job.state,
    health: job.health,
    priority: priorityOf(job.parsed.priority),
    definition: job.definition,
    original_definition: job.definition,
    multinode_definition: '',
    metadata: metadataList(job),
    failure_tags: [],
    failure_comment: job.failureComment,
  };
}

/** `create_job_data(output, results)`: `log` and `results` only when non-empty, as in LAVA. */
export function jobData(job: LavaJob, withLog: boolean, withResults: boolean): JsonObject {
  const legacy = legacyStatus(job.state, job.health);
  const data: JsonObject = {
    id: job.id,
    status: legacy.code,
    status_string: legacy.name,
    state: STATES.indexOf(job.state),
    state_string: job.state,
    health: HEALTHS.indexOf(job.health),
    health_string: job.health,
    submit_time: job.submitTime.python,
    start_time: job.startTime?.python ?? 'None',
    end_time: job.endTime?.python ?? 'None',
    submitter_username: job.submitter,
    submitter_email: '',
    failure_comment: job.failureComment,
    priority: priorityOf(job.parsed.priority),
    description: description(job),
    actual_device_id: job.actualDevice,
    definition: job.definition,
    metadata: metadataList(job),
    health_check: false,
  };
  if (withLog && job.log !== '') data.log = job.log;
  if (withResults && Object.keys(job.results).length > 0) data.results = job.results;
  return data;
}

/**
 * `substitute_callback_url_variables`: every `{ FIELD }` (upper-case, `_`, `-`) becomes
 * `str(job.<field>)`; `{STATUS}`/`{STATUS_STRING}` are the legacy status; unknown fields stay.
 */
export function substituteUrl(job: LavaJob, url: string): string {
  const legacy = legacyStatus(job.state, job.health);
  const fields: Record<string, string> = {
    id: String(job.id),
    pk: String(job.id),
    status: String(legacy.code),
    status_string: legacy.name,
    state: String(STATES.indexOf(job.state)),
    health: String(HEALTHS.indexOf(job.health)),
    description: description(job),
    priority: String(priorityOf(job.parsed.priority)),
    submitter: job.submitter,
    submit_time: job.submitTime.python,
    start_time: job.startTime?.python ?? 'None',
    end_time: job.endTime?.python ?? 'None',
    actual_device_id: pythonStr(job.actualDevice),
    requested_device_type_id: deviceType(job),
    health_check: 'False',
    failure_comment: pythonStr(job.failureComment),
  };
  return url.replace(/{\s*[A-Z_-]*\s*}/g, (field) => {
    const name = field.slice(1, -1).trim().toLowerCase();
    return fields[name] ?? field;
  });
}
