/**
 * A fake of kcidb-ng's REST receiver (kcidb-restd-rs) plus the ingester behind it, as a real HTTP
 * server on loopback: tests point a client at `restUrl` exactly as at `KCIDB_REST` in production.
 * See ../README.md for what it speaks and how tests script it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  readBody,
  RecordingFake,
  sendBody,
  type Mutable,
  type ReadBody,
  type RecordedHttpRequest,
} from '../http-fake.js';
import {
  answer,
  authError,
  DEFAULT_BODY_LIMIT_BYTES,
  isAlphanumericId,
  newFakeJwt,
  STATUS_MESSAGES,
  TEXT_PLAIN,
} from './protocol.js';
import {
  Spool,
  type FakeKcidbSubmission,
  type FakeKcidbSubmissionStatus,
  type KcidbObjectKind,
} from './spool.js';
import {
  checkStatusStep,
  checkStep,
  scriptedAnswer,
  type FakeKcidbStatusScript,
  type FakeKcidbStep,
} from './steps.js';

export type { FakeKcidbSubmission, FakeKcidbSubmissionStatus, KcidbObjectKind } from './spool.js';
export type { FakeKcidbStatusScript, FakeKcidbStep } from './steps.js';

export interface FakeKcidbOptions {
  /** 0 (the default) picks a free port. The fake always binds 127.0.0.1. */
  port?: number;
  /** The token clients must present; defaults to a fresh JWT-shaped string. */
  token?: string;
  /** More tokens it accepts: kcidb-ng takes any JWT its secret signed (one per origin). */
  moreTokens?: readonly string[];
  /**
   * The path a reverse proxy serves it under (`/kcidb`), as a `KCIDB_REST` with a path implies;
   * '' (the default) is kcidb-restd-rs at the root. Anything outside it is a 404.
   */
  basePath?: string;
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
export interface FakeKcidbRequest extends RecordedHttpRequest {
  /** Body size in bytes (0 until the body has been read). */
  readonly size: number;
  /** The scripted step this request consumed, if any. */
  readonly step: FakeKcidbStep | undefined;
  /** The id given to an accepted submission. */
  readonly submissionId: string | undefined;
}

export class FakeKcidb extends RecordingFake<FakeKcidbRequest> {
  readonly token: string;
  private readonly tokens: readonly string[];
  private readonly basePath: string;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly spool: Spool;
  private readonly queue: FakeKcidbStep[] = [];
  private mode: FakeKcidbStep | undefined;
  private readonly statusQueue: FakeKcidbStatusScript[] = [];
  private counters = { submissions: 0, bytes: 0, errors: 0 };

  private constructor(private readonly options: FakeKcidbOptions) {
    super();
    this.token = options.token ?? newFakeJwt();
    this.tokens = [this.token, ...(options.moreTokens ?? [])];
    this.basePath = (options.basePath ?? '').replace(/\/+$/, '');
    this.spool = new Spool({
      validate: options.validate,
      processDelayMs: options.processDelayMs ?? 0,
      onChange: () => this.changed(),
    });
  }

  /** Starts a fake on 127.0.0.1 and resolves once it listens. */
  static async start(options: FakeKcidbOptions = {}): Promise<FakeKcidb> {
    const fake = new FakeKcidb(options);
    await fake.server.listen(options.port);
    return fake;
  }

  /** `http://127.0.0.1:PORT` plus the `basePath`: the base the endpoints hang off. */
  override get url(): string {
    return `${this.server.url}${this.basePath}`;
  }

  /** The `KCIDB_REST` form: the token as userinfo, then the base path (clients append `/submit`). */
  get restUrl(): string {
    return this.url.replace('://', `://${this.token}@`);
  }

  /** Every submission answered 200, in arrival order. */
  get submissions(): readonly FakeKcidbSubmission[] {
    return this.spool.submissions;
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

  /**
   * Queues what the ingester has done by the time of each upcoming `GET /status` of a known
   * submission: the poll moves the submission to that state (so later polls see it too), then
   * answers as usual. `scriptStatus('ready', 'processed')`: the second poll finds it ingested.
   */
  scriptStatus(...states: FakeKcidbStatusScript[]): void {
    states.forEach(checkStatusStep);
    this.statusQueue.push(...states);
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
    const submit = `${this.basePath}/submit`;
    return this.requestLog.filter((r) => r.method === 'POST' && r.path === submit).length;
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
    const seen = (): string =>
      `${this.postCount()} POSTs to /submit, ${this.submissions.length} accepted`;
    return this.changes.waitFor('FakeKcidb', () => predicate(this), timeoutMs, seen);
  }

  /** Forgets requests, submissions, scripted steps and the mode; keeps the port and tokens. */
  reset(): void {
    this.clearTimers();
    this.spool.clear();
    this.requestLog.length = 0;
    this.queue.length = 0;
    this.statusQueue.length = 0;
    this.mode = undefined;
    this.counters = { submissions: 0, bytes: 0, errors: 0 };
  }

  /** Stops listening and drops open connections, hung requests included. */
  override async close(): Promise<void> {
    this.clearTimers();
    this.spool.stop();
    await super.close();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { target, record } = this.arrive(req, {
      size: 0,
      step: undefined,
      submissionId: undefined,
    });
    const body = await readBody(req, this.options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
    record.size = body.size;
    record.body = body.bytes.toString('utf8');

    const reply = (status: number, text: string, headers: Record<string, string> = {}): void => {
      record.status = sendBody(res, status, text, TEXT_PLAIN, headers);
      this.options.log?.(`${record.method} ${record.path} -> ${status}`);
      this.changed();
    };
    const isGet = record.method === 'GET' || record.method === 'HEAD';
    const auth = (): string | undefined => authError(req.headers.authorization, this.tokens);
    const under = record.path.startsWith(`${this.basePath}/`);
    const route = under ? record.path.slice(this.basePath.length) : '';

    switch (route) {
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
    const scripted = this.spool.statusOf(id) === 'notfound' ? undefined : this.statusQueue.shift();
    if (scripted !== undefined) this.spool.move(id, scripted);
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
    this.changes.emit();
  }
}
