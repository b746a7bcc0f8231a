/**
 * A fake LAVA server (REST API v0.2 plus notify callbacks) as a real HTTP server on loopback: the
 * code under test points at `url` as at a lab. See ../README.md for what it speaks and how tests
 * script it; the protocol itself is shared/reference/runners.md §4.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RecordingFake, sendBody } from '../http-fake.js';
import * as wire from '../tuxsuite/wire.js';
import type { RecordedRequest, ScriptedFailure } from '../tuxsuite/wire.js';
import { answer, type LavaApiState } from './api.js';
import type { LavaJob } from './job.js';
import { criteriaMet, invokeCallback, notifyOf, type FakeLavaCallback } from './notify.js';
import { newLavaToken, pythonStr, stamp, type LavaHealth } from './protocol.js';
import { defaultLog, defaultResults, lavaLog, resultsYaml, type LavaResults } from './results.js';

export type { LavaJob } from './job.js';
export type { FakeLavaCallback } from './notify.js';
export type { LavaHealth, LavaState } from './protocol.js';
export type { LavaLogEntry, LavaResults, LavaTestCase } from './results.js';
export type { RecordedRequest, ScriptedFailure } from '../tuxsuite/wire.js';
export { lavaLog } from './results.js';

export interface FakeLavaOptions {
  /** The secret clients send as `Authorization: Token <token>`; 128 random [a-z0-9] by default. */
  token?: string;
  /** The submitter's auth tokens, description → secret: what a notify `token:` resolves to. */
  callbackTokens?: Record<string, string>;
  /** Device types the lab has (default qemu, sun50i-h6-pine-h64, bcm2711-rpi-4-b). */
  deviceTypes?: string[];
  /** The submitting user's name (default `kci-bridge`). */
  submitter?: string;
  /** The first job id handed out (default 1000). */
  firstJobId?: number;
  port?: number;
  /** How long a callback may take before the fake gives up on it (default 10 s). */
  callbackTimeoutMs?: number;
  /** Called with one line per answered request (`POST /api/v0.2/jobs/ -> 201`). */
  log?: (line: string) => void;
}

export interface JobEnd {
  health: Exclude<LavaHealth, 'Unknown'>;
  /** Per suite: a YAML string, or cases serialised for you; default: the `lava` suite's `job`. */
  results?: LavaResults;
  /** The whole `output.yaml` text (see `lavaLog`); default: a short boot. */
  log?: string;
  failureComment?: string;
  /** Finish without calling back (a lost callback, for reconciler tests). */
  skipCallback?: boolean;
}

const BODY_LIMIT = 32 * 1024 * 1024;

export class FakeLava extends RecordingFake<RecordedRequest> {
  readonly token: string;
  private readonly callbackLog: FakeLavaCallback[] = [];
  private readonly jobMap = new Map<number, LavaJob>();
  private readonly failures: ScriptedFailure[] = [];
  private readonly state: LavaApiState;
  private nextId: number;

  private constructor(private readonly options: FakeLavaOptions) {
    super();
    this.token = options.token ?? newLavaToken();
    this.nextId = options.firstJobId ?? 1000;
    this.state = {
      token: this.token,
      deviceTypes: options.deviceTypes ?? ['qemu', 'sun50i-h6-pine-h64', 'bcm2711-rpi-4-b'],
      submitter: options.submitter ?? 'kci-bridge',
      jobs: this.jobMap,
      failures: this.failures,
      nextJobId: () => this.nextId++,
    };
  }

  /** Starts a fake on 127.0.0.1 and resolves once it listens. */
  static async start(options: FakeLavaOptions = {}): Promise<FakeLava> {
    const fake = new FakeLava(options);
    await fake.server.listen(options.port);
    return fake;
  }

  /** `<url>/api/v0.2`. */
  get apiUrl(): string {
    return `${this.url}/api/v0.2`;
  }

  /** Every callback sent, with the receiver's answer, in order. */
  get callbacks(): readonly FakeLavaCallback[] {
    return this.callbackLog;
  }

  /** Jobs accepted, in order: id, definition (raw and parsed), the auth they came with, state. */
  jobs(): LavaJob[] {
    return [...this.jobMap.values()];
  }

  job(id: number): LavaJob {
    const job = this.jobMap.get(id);
    if (job === undefined) throw new Error(`FakeLava: no job ${id}`);
    return job;
  }

  /**
   * The next `count` `POST /api/v0.2/jobs/` are answered `status` instead: 500 (Django's HTML
   * page), 502–504 (a proxy's), 429 (DRF throttling, `Retry-After` 1 s unless given), 403, 400…
   */
  failNext(
    status: number,
    count = 1,
    options: { retryAfterSeconds?: number; message?: string } = {},
  ): void {
    const failure = { status, ...options };
    wire.checkFailure('FakeLava.failNext', failure, count);
    for (let i = 0; i < count; i += 1) this.failures.push({ ...failure });
  }

  pendingFailures(): number {
    return this.failures.length;
  }

  /** Moves a job to Running on a device; calls back if `criteria.status` is `running`. */
  async startJob(
    id: number,
    options: { skipCallback?: boolean } = {},
  ): Promise<number | undefined> {
    const job = this.job(id);
    job.state = 'Running';
    job.startTime = stamp();
    job.actualDevice = `${pythonStr(job.parsed.device_type)}-01`;
    job.log = lavaLog([{ lvl: 'info', msg: 'lava-dispatcher, installed at version: 2024.05' }]);
    return this.notify(job, options.skipCallback === true);
  }

  /** Ends a job; resolves to the first callback's HTTP status (undefined if none was sent). */
  async completeJob(id: number, end: JobEnd): Promise<number | undefined> {
    const job = this.job(id);
    const ranBefore = job.startTime !== undefined;
    // A job canceled before it started never gets a start time or a device.
    if (!ranBefore && end.health !== 'Canceled') {
      job.startTime = stamp(new Date(Date.now() - 60_000));
      job.actualDevice = `${pythonStr(job.parsed.device_type)}-01`;
    }
    job.state = 'Finished';
    job.health = end.health;
    job.endTime = stamp();
    job.failureComment = end.failureComment ?? null;
    job.log = end.log ?? defaultLog(id, end.health);
    job.results = resultsYaml(id, end.results ?? defaultResults(end.health));
    return this.notify(job, end.skipCallback === true);
  }

  waitFor(predicate: (fake: FakeLava) => boolean, timeoutMs = 5_000): Promise<void> {
    const seen = (): string => `${this.jobMap.size} jobs, ${this.callbackLog.length} callbacks`;
    return this.changes.waitFor('FakeLava', () => predicate(this), timeoutMs, seen);
  }

  /** Forgets jobs, requests, callbacks and failures; keeps the port, token and job counter. */
  reset(): void {
    this.jobMap.clear();
    this.requestLog.length = 0;
    this.callbackLog.length = 0;
    this.failures.length = 0;
  }

  private async notify(job: LavaJob, skip: boolean): Promise<number | undefined> {
    this.changes.emit();
    const notify = notifyOf(job);
    if (skip || notify === undefined || !criteriaMet(notify, job)) return undefined;
    const tokens = this.options.callbackTokens ?? {};
    const timeoutMs = this.options.callbackTimeoutMs ?? 10_000;
    let first: number | undefined;
    for (const callback of notify.callbacks) {
      const sent = await invokeCallback(job, callback, tokens, timeoutMs);
      this.callbackLog.push(sent);
      this.changes.emit();
      first ??= sent.status;
    }
    return first;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { target, record } = this.arrive(req, { failure: undefined });
    await this.serve(req, res, record, {
      limit: BODY_LIMIT,
      tooLarge: (r: ServerResponse) =>
        sendBody(r, 413, '<h1>Request Entity Too Large</h1>', 'text/html'),
      answer: () => answer({ state: this.state, record, target, req, res }),
      log: this.options.log,
    });
  }
}
