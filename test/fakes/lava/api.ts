/**
 * The fake LAVA's answers under `/api/v0.2/` (shared/reference/runners.md §4.1): submit, list, one
 * job, its log. Django/DRF habits kept: URLs end in `/` (APPEND_SLASH redirects the rest with
 * 301), `{"detail": …}` errors, 403 for every authentication failure.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendBody, sendJson, type Mutable } from '../http-fake.js';
import type { Json, RecordedRequest, ScriptedFailure } from '../tuxsuite/wire.js';
import { restObject, type LavaJob } from './job.js';
import { authenticate, checkDefinition, NOT_AUTHENTICATED, NOT_FOUND, stamp } from './protocol.js';

/** What the HTTP side reads and changes; owned by FakeLava. */
export interface LavaApiState {
  readonly token: string;
  readonly deviceTypes: readonly string[];
  readonly submitter: string;
  readonly jobs: Map<number, LavaJob>;
  readonly failures: ScriptedFailure[];
  readonly nextJobId: () => number;
}

interface Exchange {
  state: LavaApiState;
  record: Mutable<RecordedRequest>;
  target: URL;
  req: IncomingMessage;
  res: ServerResponse;
}

const HTML = 'text/html; charset=utf-8';

/** Answers one request whose body has been read into `record.body`; returns the status sent. */
export function answer(x: Exchange): number {
  const { state, record, res } = x;
  const path = x.target.pathname;
  const parts = path.split('/').filter((part) => part !== '');
  const known =
    parts[0] === 'api' &&
    parts[1] === 'v0.2' &&
    parts[2] === 'jobs' &&
    (parts.length === 3 ||
      (/^\d+$/.test(parts[3] ?? '') &&
        (parts.length === 4 || (parts.length === 5 && parts[4] === 'logs'))));
  if (!known) return sendBody(res, 404, '<h1>Not Found</h1>', HTML);
  if (!path.endsWith('/')) {
    return sendBody(res, 301, '', HTML, { location: `${path}/${x.target.search}` });
  }
  const method = record.method;
  // A scripted failure replaces the answer to a submission without looking at it.
  const failure = parts.length === 3 && method === 'POST' ? state.failures.shift() : undefined;
  if (failure !== undefined) return fail(record, failure, res);
  const auth = authenticate(x.req.headers.authorization, state.token);
  if (typeof auth === 'object') return sendJson(res, 403, auth);
  const notAllowed = (): number =>
    sendJson(res, 405, { detail: `Method "${method}" not allowed.` });
  const visible = (job: LavaJob): boolean => auth === 'user' || job.parsed.visibility === 'public';

  if (parts.length === 3) {
    if (method === 'POST') return submit(x, auth === 'user');
    if (method !== 'GET') return notAllowed();
    const results = [...state.jobs.values()].filter(visible).reverse().map(restObject);
    return sendJson(res, 200, { count: results.length, next: null, previous: null, results });
  }
  const job = state.jobs.get(Number(parts[3]));
  if (method !== 'GET') return notAllowed();
  if (job === undefined || !visible(job)) return sendJson(res, 404, NOT_FOUND);
  if (parts.length === 4) return sendJson(res, 200, restObject(job));
  if (job.log === '') return sendJson(res, 404, NOT_FOUND);
  return sendBody(res, 200, job.log, 'application/yaml', {
    'content-disposition': `attachment; filename=job_${job.id}.yaml`,
  });
}

function submit(x: Exchange, authenticated: boolean): number {
  const { state, record, res } = x;
  if (!authenticated) return sendJson(res, 403, NOT_AUTHENTICATED);
  let definition: Json | undefined;
  const type = x.req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    definition = new URLSearchParams(record.body).get('definition') ?? undefined;
  } else {
    try {
      const body = JSON.parse(record.body) as Json;
      const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
      definition = isObject ? body.definition : undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return sendJson(res, 400, { detail: `JSON parse error - ${reason}` });
    }
  }
  const checked = checkDefinition(definition, state.deviceTypes);
  if (!checked.ok) return sendJson(res, 400, checked.body);
  const job: LavaJob = {
    id: state.nextJobId(),
    definition: definition as string,
    parsed: checked.job,
    submittedAuth: x.req.headers.authorization,
    submitter: state.submitter,
    submitTime: stamp(),
    state: 'Submitted',
    health: 'Unknown',
    startTime: undefined,
    endTime: undefined,
    actualDevice: null,
    failureComment: null,
    log: '',
    results: {},
  };
  state.jobs.set(job.id, job);
  return sendJson(res, 201, { message: 'job(s) successfully submitted', job_ids: [job.id] });
}

/** What LAVA (or the proxy in front of it) answers with that status. */
function fail(
  record: Mutable<RecordedRequest>,
  failure: ScriptedFailure,
  res: ServerResponse,
): number {
  record.failure = failure;
  const { status, message } = failure;
  const headers: Record<string, string> = {};
  const retryAfter = failure.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (status === 500)
    return sendBody(res, 500, message ?? '<h1>Server Error (500)</h1>', HTML, headers);
  if (status >= 502 && status <= 504) {
    const title = `${status} ${STATUS_CODES[status] ?? ''}`;
    return sendBody(
      res,
      status,
      message ?? `<html><body><h1>${title}</h1></body></html>`,
      HTML,
      headers,
    );
  }
  if (status === 400) {
    const text = `Problem with submitted job data: ${message ?? 'scripted failure'}`;
    return sendJson(res, 400, { message: text }, headers);
  }
  const detail: Record<number, string> = {
    401: 'Invalid token.',
    403: 'You do not have permission to perform this action.',
    429: `Request was throttled. Expected available in ${retryAfter ?? 1} seconds.`,
  };
  return sendJson(
    res,
    status,
    { detail: message ?? detail[status] ?? STATUS_CODES[status] ?? 'error' },
    headers,
  );
}
