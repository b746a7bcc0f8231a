/**
 * A fake of kcidb-ng's REST receiver (kcidb-restd-rs) plus the ingester behind it, as a real HTTP
 * server on loopback: tests point a client at `restUrl` exactly as at `KCIDB_REST` in production.
 * See ../README.md for what it speaks and how tests script it.
 */
import { EventEmitter } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  answer,
  authError,
  DEFAULT_BODY_LIMIT_BYTES,
  isAlphanumericId,
  newFakeJwt,
  STATUS_MESSAGES,
  TEXT_PLAIN,
} from './protocol.js';
import { readBody, type ReadBody } from './read-body.js';
import {
  Spool,
  type FakeKcidbSubmission,
  type FakeKcidbSubmissionStatus,
  type KcidbObjectKind,
} from './spool.js';
import { checkStep, scriptedAnswer, type FakeKcidbStep } from './steps.js';

export type { FakeKcidbSubmission, FakeKcidbSubmissionStatus, KcidbObjectKind } from './spool.js';
export type { FakeKcidbStep } from './steps.js';

export interface FakeKcidbOptions {
  /** 0 (the default) picks a free port. The fake always binds 127.0.0.1. */
  port?: number;
  /** The token clients must present; defaults to a fresh JWT-shaped string. */
  token?: string;
  /** The ingester's schema check (kcidb-io in production); false or a throw means `failed`. */
  validate?: (doc: unknown) => boolean;
  /** How long a submission stays `ready` before it is ingested; Infinity: only `processPending()`. */
  processDelayMs?: number;
  /** Larger bodies get 413; the real server's limit (512 MiB) by default. */
  bodyLimitBytes?: number;
  /** Called with one line per answered request (`POST /submit -> 200`). */
  log?: (line: string) => void;
}

/** Any request the fake saw, recorded on arrival, whatever it answered. */
export interface FakeKcidbRequest {
  readonly method: string;
  readonly path: string;
  /** The query string including its `?`, or ''. */
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
  readonly receivedAt: Date;
  /** Body size in bytes (0 until the body has been read). */
  readonly size: number;
  /** The HTTP status answered; undefined while pending or if the client went away first. */
  readonly status: number | undefined;
  /** The scripted step this request consumed, if any. */
  readonly step: FakeKcidbStep | undefined;
  /** The id given to an accepted submission. */
  readonly submissionId: string | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const LOOPBACK = '127.0.0.1';

export class FakeKcidb {
  readonly token: string;
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requestLog: Mutable<FakeKcidbRequest>[] = [];
  private readonly spool: Spool;
  private readonly queue: FakeKcidbStep[] = [];
  private mode: FakeKcidbStep | undefined;
  private port = 0;
  private counters = { submissions: 0, bytes: 0, errors: 0 };

  private constructor(private readonly options: FakeKcidbOptions) {
    this.token = options.token ?? newFakeJwt();
    this.spool = new Spool({
      validate: options.validate,
      processDelayMs: options.processDelayMs ?? 0,
      onChange: () => this.changed(),
    });
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        // The client went away mid-request: nothing left to answer.
        if (!res.headersSent && !res.destroyed) res.destroy();
      });
    });
    this.events.setMaxListeners(0);
  }

  /** Starts a fake on 127.0.0.1 and resolves once it listens. */
  static async start(options: FakeKcidbOptions = {}): Promise<FakeKcidb> {
    const fake = new FakeKcidb(options);
    await fake.listen(options.port ?? 0);
    return fake;
  }

  /** `http://127.0.0.1:PORT`, the base the endpoints hang off. */
  get url(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  /** The `KCIDB_REST` form: the token as userinfo, no path (clients append `/submit`). */
  get restUrl(): string {
    return `http://${this.token}@${LOOPBACK}:${this.port}`;
  }

  /** Every submission answered 200, in arrival order. */
  get submissions(): readonly FakeKcidbSubmission[] {
    return this.spool.submissions;
  }

  /** Every request received, in arrival order, including scripted failures. */
  get requests(): readonly FakeKcidbRequest[] {
    return this.requestLog;
  }

  /** Queues steps, each consumed by one upcoming `POST /submit`, before any mode applies. */
  script(...steps: FakeKcidbStep[]): void {
    steps.forEach(checkStep);
    this.queue.push(...steps);
  }

  /** Queues the same step `count` times: "the next `count` POSTs fail like this". */
  failFor(step: FakeKcidbStep, count: number): void {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`FakeKcidb.failFor: count must be a whole number, got ${count}`);
    }
    this.script(...Array.from({ length: count }, () => step));
  }

  /** Applies `step` to every `POST /submit` (after the queue) until called with undefined. */
  setMode(step: FakeKcidbStep | undefined): void {
    if (step !== undefined) checkStep(step);
    this.mode = step;
  }

  /** Scripted steps not yet consumed. */
  pendingSteps(): number {
    return this.queue.length;
  }

  /** Ingests every `ready` submission now (for `processDelayMs: Infinity`). */
  processPending(): void {
    this.spool.processPending();
  }

  /** What `GET /status` would report for that id. */
  statusOf(id: string): FakeKcidbSubmissionStatus {
    return this.spool.statusOf(id);
  }

  /** Number of `POST /submit` requests received, whatever they were answered. */
  postCount(): number {
    return this.requestLog.filter((r) => r.method === 'POST' && r.path === '/submit').length;
  }

  /** Ids of the objects of one kind across all accepted submissions. */
  receivedObjectIds(kind: KcidbObjectKind, options: { processedOnly?: boolean } = {}): Set<string> {
    const ids = new Set<string>();
    for (const object of this.objects(kind, options)) {
      if (typeof object.id === 'string') ids.add(object.id);
    }
    return ids;
  }

  /** Every test object of every accepted submission, duplicates included, in arrival order. */
  allTests(options: { processedOnly?: boolean } = {}): Record<string, unknown>[] {
    return this.objects('tests', options);
  }

  /** Objects of one kind across accepted submissions, duplicates included. */
  objects(
    kind: KcidbObjectKind,
    options: { processedOnly?: boolean } = {},
  ): Record<string, unknown>[] {
    return this.spool.objects(kind, options.processedOnly);
  }

  /** Resolves once `predicate` holds (checked on every change and every 25 ms), else rejects. */
  waitFor(predicate: (fake: FakeKcidb) => boolean, timeoutMs = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timeout);
        clearInterval(poll);
        this.events.off('change', check);
      };
      const check = (): void => {
        try {
          if (!predicate(this)) return;
        } catch (error) {
          cleanup();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        cleanup();
        resolve();
      };
      const timeout = setTimeout(() => {
        cleanup();
        const seen = `${this.postCount()} POSTs to /submit, ${this.submissions.length} accepted`;
        reject(new Error(`FakeKcidb.waitFor: not met within ${timeoutMs} ms (${seen})`));
      }, timeoutMs);
      const poll = setInterval(check, 25);
      this.events.on('change', check);
      check();
    });
  }

  /** Forgets requests, submissions, scripted steps and the mode; keeps the port and token. */
  reset(): void {
    this.clearTimers();
    this.spool.clear();
    this.requestLog.length = 0;
    this.queue.length = 0;
    this.mode = undefined;
    this.counters = { submissions: 0, bytes: 0, errors: 0 };
  }

  /** Stops listening and drops open connections, hung requests included. */
  async close(): Promise<void> {
    this.clearTimers();
    this.spool.stop();
    if (!this.server.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, LOOPBACK, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', this.url);
    const record: Mutable<FakeKcidbRequest> = {
      method: req.method ?? 'GET',
      path: target.pathname,
      search: target.search,
      headers: req.headers,
      receivedAt: new Date(),
      size: 0,
      status: undefined,
      step: undefined,
      submissionId: undefined,
    };
    this.requestLog.push(record);
    this.changed();
    const body = await readBody(req, this.options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
    record.size = body.size;

    const reply = (status: number, text: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, {
        'content-type': TEXT_PLAIN,
        'content-length': String(Buffer.byteLength(text)),
        ...headers,
      });
      res.end(text);
      this.options.log?.(`${record.method} ${record.path} -> ${status}`);
      this.changed();
    };
    const isGet = record.method === 'GET' || record.method === 'HEAD';
    const auth = (): string | undefined => authError(req.headers.authorization, this.token);

    switch (record.path) {
      case '/submit':
        if (record.method !== 'POST') return this.notAllowed(record, res, 'POST');
        return this.submit(record, body, auth(), reply, res);
      case '/status':
        if (!isGet) return this.notAllowed(record, res, 'GET,HEAD');
        return this.status(target.searchParams.get('id'), auth(), reply);
      case '/authtest': {
        if (!isGet) return this.notAllowed(record, res, 'GET,HEAD');
        const error = auth();
        if (error !== undefined) return reply(401, answer('error', '0', error));
        return reply(200, answer('ok', '0', 'Authentication successful'));
      }
      case '/health':
        if (!isGet) return this.notAllowed(record, res, 'GET,HEAD');
        return reply(200, 'OK');
      case '/metrics':
        if (!isGet) return this.notAllowed(record, res, 'GET,HEAD');
        return reply(200, this.metrics());
      case '/':
        if (!isGet) return this.notAllowed(record, res, 'GET,HEAD');
        return reply(200, '<html><body><h1>Fake KCIDB REST API</h1></body></html>', {
          'content-type': 'text/html; charset=utf-8',
        });
      default:
        // axum's fallback: 404 with an empty body.
        record.status = 404;
        res.writeHead(404).end();
        this.changed();
    }
  }

  private submit(
    record: Mutable<FakeKcidbRequest>,
    body: ReadBody,
    authFailure: string | undefined,
    reply: (status: number, text: string, headers?: Record<string, string>) => void,
    res: ServerResponse,
  ): void {
    const step = this.queue.shift() ?? this.mode;
    record.step = step;
    if (step !== undefined && 'status' in step) {
      const scripted = scriptedAnswer(step);
      return reply(scripted.status, scripted.body, scripted.headers);
    }
    if (step !== undefined && 'hangMs' in step) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        reply(500, answer('error', '0', 'Internal server error'));
      }, step.hangMs);
      this.timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      });
      return;
    }
    // The order of the real server: body limit and UTF-8 (axum extractors), auth, then JSON.
    if (body.overLimit) return reply(413, 'length limit exceeded');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
    } catch (error) {
      return reply(400, `Request body didn't contain valid UTF-8: ${String(error)}`);
    }
    if (authFailure !== undefined) {
      this.counters.errors += 1;
      return reply(401, answer('error', '0', authFailure));
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return reply(400, answer('error', '0', error instanceof Error ? error.message : 'bad JSON'));
    }
    const submission = this.spool.accept(document, body.size, step?.statusResult);
    const id = submission.id;
    record.submissionId = id;
    this.counters.submissions += 1;
    this.counters.bytes += body.size;
    reply(200, answer('ok', id, `Received submission ${id} with size ${body.size} bytes`));
  }

  private status(
    id: string | null,
    authFailure: string | undefined,
    reply: (status: number, text: string) => void,
  ): void {
    // axum's Query extractor rejects a missing field before the handler (and its auth) runs.
    if (id === null) return reply(400, 'Failed to deserialize query string: missing field `id`');
    if (authFailure !== undefined) return reply(401, answer('error', '0', authFailure));
    if (id === '') return reply(400, answer('error', '0', 'Empty id'));
    if (!isAlphanumericId(id)) return reply(400, answer('error', '0', 'Invalid id'));
    const status = this.statusOf(id);
    reply(status === 'notfound' ? 404 : 200, answer(status, id, STATUS_MESSAGES[status]));
  }

  private notAllowed(record: Mutable<FakeKcidbRequest>, res: ServerResponse, allow: string): void {
    record.status = 405;
    res.writeHead(405, { allow }).end();
    this.changed();
  }

  private metrics(): string {
    const lines = [
      ['kcidb_submissions_total', 'counter', this.counters.submissions],
      ['kcidb_submission_size_total', 'counter', this.counters.bytes],
      ['kcidb_errors_total', 'counter', this.counters.errors],
    ] as const;
    return lines
      .map(([name, type, value]) => `# TYPE ${name} ${type}\n${name} ${value}\n`)
      .join('');
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private changed(): void {
    this.events.emit('change');
  }
}
