/**
 * What LAVA's REST API v0.2 accepts and answers, kept apart from the server so the rules read in
 * one place. Sources: Linaro/lava `lava_rest_app/base/views.py` (create → messages),
 * `lava_rest_app/authentication.py` + settings (SessionAuthentication first, so DRF answers auth
 * failures 403, not 401), `lava_common/schemas/__init__.py` (job schema), summarised in
 * shared/reference/runners.md §4.
 */
import { randomInt } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { Json } from '../tuxsuite/wire.js';

export type JsonObject = { [key: string]: Json };

export const STATES = [
  'Submitted',
  'Scheduling',
  'Scheduled',
  'Running',
  'Canceling',
  'Finished',
] as const;
export const HEALTHS = ['Unknown', 'Complete', 'Incomplete', 'Canceled'] as const;
export type LavaState = (typeof STATES)[number];
export type LavaHealth = (typeof HEALTHS)[number];

/** TestJob.get_legacy_status(): 0 Submitted, 1 Running, 2 Complete, 3 Incomplete, 4 Canceled, 5 Canceling. */
export function legacyStatus(state: LavaState, health: LavaHealth): { code: number; name: string } {
  if (state === 'Running') return { code: 1, name: 'running' };
  if (state === 'Canceling') return { code: 5, name: 'canceling' };
  if (state !== 'Finished') return { code: 0, name: 'submitted' };
  if (health === 'Complete') return { code: 2, name: 'complete' };
  if (health === 'Canceled') return { code: 4, name: 'canceled' };
  return { code: 3, name: 'incomplete' };
}

/** A moment with microseconds, written the two ways LAVA writes it. */
export interface Stamp {
  /** `str(datetime)` of an aware UTC datetime: `2024-05-02 10:00:00.123456+00:00` (callbacks). */
  python: string;
  /** DRF's DateTimeField: `2024-05-02T10:00:00.123456Z` (REST answers). */
  rest: string;
}

export function stamp(date = new Date()): Stamp {
  const base = `${date.toISOString().slice(0, 23)}${String(randomInt(1000)).padStart(3, '0')}`;
  return { python: `${base.replace('T', ' ')}+00:00`, rest: `${base}Z` };
}

/** An AuthToken secret as linaro_django_xmlrpc makes them: 128 of [a-z0-9]. */
export function newLavaToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let secret = '';
  for (let i = 0; i < 128; i += 1) secret += alphabet[randomInt(alphabet.length)];
  return secret;
}

export type AuthOutcome = 'user' | 'anonymous' | { detail: string };

/**
 * DRF TokenAuthentication over LAVA's AuthToken: a header whose first word is not `Token`
 * (case-insensitive) means anonymous; `Token` alone, or with spaces in the key, or an unknown key
 * fails with DRF's words.
 */
export function authenticate(header: string | undefined, token: string): AuthOutcome {
  const words = (header ?? '').split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words[0]?.toLowerCase() !== 'token') return 'anonymous';
  if (words.length === 1) return { detail: 'Invalid token header. No credentials provided.' };
  if (words.length > 2) {
    return { detail: 'Invalid token header. Token string should not contain spaces.' };
  }
  return words[1] === token ? 'user' : { detail: 'Invalid token.' };
}

export const NOT_AUTHENTICATED = { detail: 'Authentication credentials were not provided.' };
export const NOT_FOUND = { detail: 'Not found.' };

/** `definition` parsed, or the 400 body the real `create` answers. */
export type Submission = { ok: true; job: JsonObject } | { ok: false; body: JsonObject };

const problem = (message: string): Submission => ({
  ok: false,
  body: { message: `Problem with submitted job data: ${message}` },
});
const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const missing = (path: string): string => `required key not provided @ data${path}`;

function timeoutError(value: Json | undefined, path: string): string | undefined {
  if (value === undefined) return missing(path);
  const units = ['days', 'hours', 'minutes', 'seconds'];
  const ok =
    isObject(value) &&
    Object.keys(value).some((key) => units.includes(key)) &&
    Object.entries(value).every(([key, n]) =>
      units.includes(key) ? typeof n === 'number' && Number.isInteger(n) && n >= 1 : key === 'skip',
    );
  return ok ? undefined : `not a valid value for dictionary value @ data${path}`;
}

function notifyError(notify: Json | undefined): string | undefined {
  if (notify === undefined) return undefined;
  if (!isObject(notify)) return "expected a dictionary for dictionary value @ data['notify']";
  const criteria = notify.criteria;
  const statuses = ['finished', 'running', 'complete', 'canceled', 'incomplete'];
  if (criteria === undefined) return missing("['notify']['criteria']");
  if (
    !isObject(criteria) ||
    typeof criteria.status !== 'string' ||
    !statuses.includes(criteria.status)
  ) {
    return "not a valid value for dictionary value @ data['notify']['criteria']";
  }
  if (notify.callback !== undefined && notify.callbacks !== undefined) {
    return "two or more values in the same group of exclusion 'callback' @ data['notify'][<callback>]";
  }
  const list = notify.callbacks ?? (notify.callback === undefined ? [] : [notify.callback]);
  if (!Array.isArray(list))
    return "expected a list for dictionary value @ data['notify']['callbacks']";
  const allowed: Record<string, readonly string[]> = {
    method: ['GET', 'POST'],
    dataset: ['minimal', 'logs', 'results', 'all'],
    'content-type': ['json', 'urlencoded'],
  };
  for (const callback of list) {
    if (!isObject(callback) || typeof callback.url !== 'string') {
      return missing("['notify']['callbacks'][0]['url']");
    }
    for (const [key, values] of Object.entries(allowed)) {
      const value = callback[key];
      if (value !== undefined && (typeof value !== 'string' || !values.includes(value))) {
        return `not a valid value for dictionary value @ data['notify']['callback']['${key}']`;
      }
    }
    for (const key of ['token', 'header']) {
      if (callback[key] !== undefined && typeof callback[key] !== 'string') {
        return `expected str for dictionary value @ data['notify']['callback']['${key}']`;
      }
    }
  }
  return undefined;
}

/** The job schema's top level (action contents are not checked), then the device type. */
export function checkDefinition(
  definition: Json | undefined,
  deviceTypes: readonly string[],
): Submission {
  if (typeof definition !== 'string' || definition === '') {
    return { ok: false, body: { definition: ['This field is required.'] } };
  }
  let job: unknown;
  try {
    job = parseYaml(definition);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return problem(`Loading job submission failed: ${reason}.`);
  }
  if (!isObject(job as Json)) return problem('expected a dictionary');
  const data = job as JsonObject;
  const name = data.job_name;
  if (name === undefined) return problem(missing("['job_name']"));
  if (typeof name !== 'string' || name.length < 1 || name.length > 200) {
    return problem("length of value must be at most 200 for dictionary value @ data['job_name']");
  }
  if (data.timeouts === undefined) return problem(missing("['timeouts']"));
  if (!isObject(data.timeouts))
    return problem("expected a dictionary for dictionary value @ data['timeouts']");
  const timeout = timeoutError(data.timeouts.job, "['timeouts']['job']");
  if (timeout !== undefined) return problem(timeout);
  const visibility = data.visibility;
  if (visibility === undefined) return problem(missing("['visibility']"));
  if (visibility !== 'public' && visibility !== 'personal' && !isObject(visibility)) {
    return problem("not a valid value for dictionary value @ data['visibility']");
  }
  if (data.metadata !== undefined && !isObject(data.metadata)) {
    return problem("expected a dictionary for dictionary value @ data['metadata']");
  }
  const actions = data.actions;
  if (actions === undefined) return problem(missing("['actions']"));
  if (!Array.isArray(actions))
    return problem("expected a list for dictionary value @ data['actions']");
  const kinds = ['boot', 'command', 'deploy', 'test'];
  const badAction = actions.findIndex(
    (a) => !isObject(a) || Object.keys(a).length !== 1 || !kinds.includes(Object.keys(a)[0] ?? ''),
  );
  if (badAction >= 0) return problem(`extra keys not allowed @ data['actions'][${badAction}]`);
  const notify = notifyError(data.notify);
  if (notify !== undefined) return problem(notify);
  const deviceType = data.device_type;
  if (deviceType === undefined || deviceType === null || deviceType === '') {
    return problem('"device_type" or multinode should be defined');
  }
  if (typeof deviceType !== 'string' || !deviceTypes.includes(deviceType)) {
    return { ok: false, body: { message: 'Specified device or device type not found.' } };
  }
  return { ok: true, job: data };
}

/** `priority:` as LAVA stores it: high 100, medium 50, low 0, or the number given. */
export function priorityOf(value: Json | undefined): number {
  if (typeof value === 'number') return value;
  return value === 'high' ? 100 : value === 'low' ? 0 : 50;
}

/** Python's `str()` of a scalar, for metadata values, URL substitution and form bodies. */
export function pythonStr(value: Json | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
