/**
 * A fake of TuxSuite (tuxapi + its storage + its callbacks) as a real HTTP server on loopback:
 * the code under test uses `url` as TUXAPI_URL. See ../README.md for what it speaks and how tests
 * script it; the protocol itself is shared/reference/runners.md §1–§2.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RecordingFake, sendJson } from '../http-fake.js';
import { answer, type ApiState, type QueuedFailure } from './api.js';
import { deliverCallback, type CallbackQuirks, type FakeTuxsuiteCallback } from './callback.js';
import { generateSigningKey, type SigningKey } from './keys.js';
import { errorBody, isoNoTimezone, text } from './protocol.js';
import * as store from './store.js';
import type { BuildOutcome, RunKind, TestOutcome, TuxRun } from './store.js';
import * as wire from './wire.js';
import type { Json, RecordedRequest } from './wire.js';

export type { CallbackQuirks, FakeTuxsuiteCallback } from './callback.js';
export { sshEcdsaPublicKey } from './keys.js';
export type { BuildOutcome, TestOutcome, TuxResult, TuxRun } from './store.js';
export type { RecordedRequest, ScriptedFailure } from './wire.js';

export interface FakeTuxsuiteOptions {
  /** The raw token clients send as `Authorization: <token>`; random by default. */
  token?: string;
  group?: string;
  project?: string;
  /** Sign callbacks and publish the key at `/keys` (default true); false: a community account. */
  signing?: boolean;
  port?: number;
  /** How long a callback may take before the fake gives up on it (default 10 s). */
  callbackTimeoutMs?: number;
  /** Called with one line per answered request (`POST /v1/…/builds -> 201`). */
  log?: (line: string) => void;
}

const BODY_LIMIT = 32 * 1024 * 1024;

export class FakeTuxsuite extends RecordingFake<RecordedRequest> {
  readonly token: string;
  readonly group: string;
  readonly project: string;
  /** `ecdsa-sha2-nistp256 AAAA…`, what `GET …/keys` publishes. */
  readonly publicKeySsh: string;
  private readonly key: SigningKey;
  private readonly callbackLog: FakeTuxsuiteCallback[] = [];
  private readonly runs = new Map<string, TuxRun>();
  private readonly failures: QueuedFailure[] = [];
  private readonly state: ApiState;

  private constructor(private readonly options: FakeTuxsuiteOptions) {
    super();
    this.token = options.token ?? `tux-${randomBytes(24).toString('hex')}`;
    this.group = options.group ?? 'demo';
    this.project = options.project ?? 'demo';
    this.key = generateSigningKey();
    this.publicKeySsh = this.key.publicKeySsh;
    this.state = {
      baseUrl: () => this.url,
      token: this.token,
      group: this.group,
      project: this.project,
      publicKeySsh: this.publicKeySsh,
      signing: options.signing !== false,
      runs: this.runs,
      failures: this.failures,
    };
  }

  /** Starts a fake on 127.0.0.1 and resolves once it listens. */
  static async start(options: FakeTuxsuiteOptions = {}): Promise<FakeTuxsuite> {
    const fake = new FakeTuxsuite(options);
    await fake.server.listen(options.port);
    return fake;
  }

  /** The API prefix of this group/project: `<url>/v1/groups/<g>/projects/<p>`. */
  get projectUrl(): string {
    return `${this.url}/v1/groups/${this.group}/projects/${this.project}`;
  }

  /** Every callback sent, with the receiver's answer, in order. */
  get callbacks(): readonly FakeTuxsuiteCallback[] {
    return this.callbackLog;
  }

  /** Builds accepted, in order: the entry as received plus the current status and files. */
  builds(): TuxRun[] {
    return [...this.runs.values()].filter((run) => run.kind === 'build');
  }

  tests(): TuxRun[] {
    return [...this.runs.values()].filter((run) => run.kind === 'test');
  }

  run(uid: string): TuxRun {
    const run = this.runs.get(uid);
    if (run === undefined) throw new Error(`FakeTuxsuite: no build or test ${uid}`);
    return run;
  }

  /**
   * The next `count` submissions (`POST /builds` or `/tests`, or only one of them) are answered
   * `status` instead: 500, 429 (with `Retry-After`, 1 s unless given), 403, anything 300–599.
   */
  failNext(
    status: number,
    count = 1,
    options: { retryAfterSeconds?: number; message?: string; only?: 'builds' | 'tests' } = {},
  ): void {
    const failure = { status, ...options };
    wire.checkFailure('FakeTuxsuite.failNext', failure, count);
    for (let i = 0; i < count; i += 1) this.failures.push({ ...failure, only: options.only });
  }

  pendingFailures(): number {
    return this.failures.length;
  }

  /** Moves a run to `building` / `running` (what a poller sees mid-run). */
  startRun(uid: string): void {
    const run = this.run(uid);
    run.status.state = run.kind === 'build' ? 'building' : 'running';
    if (run.kind === 'build') run.status.tuxbuild_status = 'building';
    run.status.running_time = isoNoTimezone();
    this.changes.emit();
  }

  /** Ends a build and calls back; resolves to the callback's HTTP status (see README). */
  async completeBuild(
    uid: string,
    outcome: BuildOutcome & CallbackQuirks,
  ): Promise<number | undefined> {
    const run = this.expect(uid, 'build');
    store.finishBuild(run, outcome);
    if (outcome.result === 'pass') this.releaseWaitingTests(run);
    return this.callBack(run, outcome);
  }

  /** Ends a test and calls back; resolves to the callback's HTTP status (see README). */
  async completeTest(
    uid: string,
    outcome: TestOutcome & CallbackQuirks,
  ): Promise<number | undefined> {
    const run = this.expect(uid, 'test');
    store.finishTest(run, outcome);
    return this.callBack(run, outcome);
  }

  waitFor(predicate: (fake: FakeTuxsuite) => boolean, timeoutMs = 5_000): Promise<void> {
    const seen = (): string => `${this.runs.size} runs, ${this.callbackLog.length} callbacks`;
    return this.changes.waitFor('FakeTuxsuite', () => predicate(this), timeoutMs, seen);
  }

  /** Forgets runs, requests, callbacks and failures; keeps the port, token and key. */
  reset(): void {
    this.runs.clear();
    this.requestLog.length = 0;
    this.callbackLog.length = 0;
    this.failures.length = 0;
  }

  private expect(uid: string, kind: RunKind): TuxRun {
    const run = this.run(uid);
    if (run.kind !== kind) throw new Error(`FakeTuxsuite: ${uid} is a ${run.kind}, not a ${kind}`);
    return run;
  }

  private releaseWaitingTests(build: TuxRun): void {
    const base = text(build.status.download_url);
    for (const test of this.tests()) {
      const waits = test.status.waiting_for === `BUILD#${build.uid}`;
      if (!waits || test.status.state !== 'waiting') continue;
      test.status.kernel = `${base}${text(build.status.kernel_image_name)}`;
      const modules = build.status.modules;
      if (typeof modules === 'string') test.status.modules = `${base}${modules}`;
      test.status.state = 'provisioning';
      (build.status.waited_by as Json[]).push(`TEST#${test.uid}`);
    }
  }

  private async callBack(run: TuxRun, quirks: CallbackQuirks): Promise<number | undefined> {
    this.changes.emit();
    const url = run.request.callback;
    if (quirks.skipCallback === true || typeof url !== 'string') return undefined;
    const sent = await deliverCallback({
      kind: run.kind,
      uid: run.uid,
      url,
      callbackHeaders: run.request.callback_headers,
      status: run.status,
      quirks: {
        doubleEncoded: quirks.doubleEncoded === true,
        invalidEscapes: quirks.invalidEscapes === true,
        tamper: quirks.tamper === true,
      },
      privateKey: this.options.signing === false ? undefined : this.key.privateKey,
      timeoutMs: this.options.callbackTimeoutMs ?? 10_000,
    });
    this.callbackLog.push(sent);
    this.changes.emit();
    return sent.status;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { target, record } = this.arrive(req, { failure: undefined });
    await this.serve(req, res, record, {
      limit: BODY_LIMIT,
      tooLarge: (r: ServerResponse) => sendJson(r, 413, errorBody('Request Entity Too Large')),
      answer: () => answer({ state: this.state, record, target, req, res }),
      log: this.options.log,
    });
  }
}
