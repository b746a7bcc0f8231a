/**
 * The fake TuxSuite's answers to HTTP requests: tuxapi under `/v1/groups/{g}/projects/{p}` and the
 * storage folders under `/storage/{g}/{p}/builds|tests/{uid}/` (shared/reference/runners.md §1).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkBuildEntry,
  checkTestRequest,
  errorBody,
  newUid,
  text,
  type Checked,
  type JsonObject,
} from './protocol.js';
import * as store from './store.js';
import type { RunKind, TuxRun } from './store.js';
import { sendBody, sendJson, type Mutable } from '../http-fake.js';
import type { Json, RecordedRequest, ScriptedFailure } from './wire.js';

export interface QueuedFailure extends ScriptedFailure {
  only: 'builds' | 'tests' | undefined;
}

/** What the HTTP side reads and changes; owned by FakeTuxsuite. */
export interface ApiState {
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  readonly baseUrl: () => string;
  readonly token: string;
  readonly group: string;
  readonly project: string;
  readonly publicKeySsh: string;
  readonly signing: boolean;
  readonly runs: Map<string, TuxRun>;
  readonly failures: QueuedFailure[];
}

interface Exchange {
  state: ApiState;
  record: Mutable<RecordedRequest>;
  target: URL;
  req: IncomingMessage;
  res: ServerResponse;
}

/** Answers one request whose body has been read into `record.body`; returns the status sent. */
export function answer(x: Exchange): number {
  const { state, record, req, res } = x;
  const parts = x.target.pathname.split('/').filter((part) => part !== '');
  const json = (status: number, value: unknown): number => sendJson(res, status, value);
  if (parts[0] === 'storage') return storage(x, parts.slice(1));
  if (parts[0] !== 'v1' || parts[1] !== 'groups' || parts[3] !== 'projects') {
    return json(404, errorBody('Not Found'));
  }
  const [resource, uid, action] = parts.slice(5);
  const method = record.method;
  // A scripted failure replaces the answer to a submission without looking at it.
  if (method === 'POST' && uid === undefined && (resource === 'builds' || resource === 'tests')) {
    const index = state.failures.findIndex((f) => f.only === undefined || f.only === resource);
    const [failure] = index >= 0 ? state.failures.splice(index, 1) : [];
    if (failure !== undefined) return fail(record, failure, res);
  }
  const auth = req.headers.authorization;
  if (auth === undefined || auth === '')
    return json(401, errorBody('Missing Authorization header'));
  if (auth !== state.token) return json(401, errorBody('Invalid token'));
  if (parts[2] !== state.group || parts[4] !== state.project) {
    return json(403, errorBody(`Not allowed to access ${parts[2]}/${parts[4]}`));
  }
  if (resource === 'keys' && uid === undefined && method === 'GET') {
    if (!state.signing) {
      return json(403, errorBody('The keys feature is not available for community users'));
    }
    return json(200, { ssh: { pub: state.publicKeySsh }, pat: [], variables: [] });
  }
  if (resource !== 'builds' && resource !== 'tests') return json(404, errorBody('Not Found'));
  const kind: RunKind = resource === 'builds' ? 'build' : 'test';
  if (uid === undefined && method === 'POST') return submit(x, resource);
  if (uid === undefined && method === 'GET') {
    const runs = [...state.runs.values()].filter((run) => run.kind === kind);
    return json(200, { results: runs.map((run) => run.status).reverse(), next: null });
  }
  const run = uid === undefined ? undefined : state.runs.get(uid);
  if (run === undefined || run.kind !== kind) return json(404, errorBody(`${kind} not found`));
  if (action === undefined && method === 'GET') return json(200, run.status);
  if (action === 'cancel' && method === 'POST') {
    run.status.is_canceling = run.status.state !== 'finished';
    return json(200, {});
  }
  if (kind === 'test' && action === 'results' && method === 'GET') {
    const file = run.files.get('results.json');
    return json(200, file === undefined ? {} : (JSON.parse(file.toString('utf8')) as unknown));
  }
  if (kind === 'test' && action === 'logs' && method === 'GET') {
    const logs = run.files.get('logs.txt') ?? Buffer.from('');
    return sendBody(res, 200, logs, 'text/plain; charset=utf-8');
  }
  return json(405, errorBody('Method Not Allowed'));
}

function submit(x: Exchange, resource: 'builds' | 'tests'): number {
  const { state, record, res } = x;
  let body: Json;
  try {
    body = JSON.parse(record.body) as Json;
  } catch {
    return sendJson(res, 400, errorBody('Request body is not valid JSON'));
  }
  let entries: Json[];
  if (resource === 'builds') {
    const builds =
      typeof body === 'object' && body !== null && !Array.isArray(body) ? body.builds : undefined;
    if (!Array.isArray(builds) || builds.length === 0) {
      return sendJson(res, 400, errorBody('builds must be a non-empty list'));
    }
    entries = builds;
  } else {
    // One object answers one status; a list (as plans send) answers a list.
    entries = Array.isArray(body) ? body : [body];
  }
  const check = resource === 'builds' ? checkBuildEntry : checkTestRequest;
  const checked: Checked[] = entries.map(check);
  const bad = checked.find((c): c is { ok: false; error: string } => !c.ok);
  if (bad !== undefined) return sendJson(res, 400, errorBody(bad.error));
  const kind: RunKind = resource === 'builds' ? 'build' : 'test';
  const userAgent = x.req.headers['user-agent'] ?? '';
  const statuses = checked.map((c) => (c.ok ? accept(state, kind, c.value, userAgent).status : {}));
  const many = resource === 'builds' || Array.isArray(body);
  return sendJson(res, 201, many ? statuses : statuses[0]);
}

function accept(state: ApiState, kind: RunKind, request: JsonObject, userAgent: string): TuxRun {
  // A retried POST carries the same client_token: answer with the build made the first time.
  const token = request.client_token;
  if (kind === 'build' && typeof token === 'string') {
    const twin = [...state.runs.values()].find((run) => run.request.client_token === token);
    if (twin !== undefined) return twin;
  }
  const uid = newUid();
  const ctx = {
    uid,
    project: `${state.group}/${state.project}`,
    downloadUrl: `${state.baseUrl()}/storage/${state.group}/${state.project}/${kind}s/${uid}/`,
    userAgent,
  };
  const status =
    kind === 'build' ? store.newBuildStatus(request, ctx) : store.newTestStatus(request, ctx);
  const run: TuxRun = { kind, uid, request, status, files: new Map(), createdAt: new Date() };
  state.runs.set(uid, run);
  return run;
}

function fail(
  record: Mutable<RecordedRequest>,
  queued: QueuedFailure,
  res: ServerResponse,
): number {
  const { only: _only, ...failure } = queued;
  record.failure = failure;
  const headers: Record<string, string> = {};
  const retryAfter = failure.retryAfterSeconds ?? (failure.status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  const fallback = failure.status === 403 ? 'Quota exceeded' : `HTTP ${failure.status}`;
  return sendJson(res, failure.status, errorBody(failure.message ?? fallback), headers);
}

function storage(x: Exchange, parts: string[]): number {
  const { state, res } = x;
  const [group, project, folder, uid, ...rest] = parts;
  const run = uid === undefined ? undefined : state.runs.get(uid);
  const notFound = (): number => sendBody(res, 404, 'Not Found', 'text/plain');
  if (run === undefined || group !== state.group || project !== state.project) return notFound();
  if (folder !== `${run.kind}s`) return notFound();
  // Private runs need the API token on storage requests too (runners.md §1.2).
  if (run.status.is_public === false && x.req.headers.authorization !== state.token) {
    return sendBody(res, 403, 'Forbidden', 'text/plain');
  }
  const name = rest.join('/');
  if (name === '' && x.target.searchParams.get('export') === 'json') {
    const base = text(run.status.download_url);
    const files = [...run.files.keys()].map((file) => ({ Url: `${base}${file}` }));
    return sendJson(res, 200, { files, folders: [] });
  }
  const file = run.files.get(name);
  return file === undefined ? notFound() : sendBody(res, 200, file, store.contentTypeOf(name));
}
