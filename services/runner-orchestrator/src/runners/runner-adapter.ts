/**
 * What the orchestrator needs of a runner (TuxSuite, LAVA). Adding a runner is one folder
 * implementing this interface, plus its tests. Adapters hold no state: everything they need
 * to remember about a run (job id, callback secret) is returned to the orchestrator, which
 * stores it with the run.
 */

import type { RunnerName } from '@kci-bridge/contracts';

export type { RunnerName } from '@kci-bridge/contracts';
export { RUNNER_NAMES } from '@kci-bridge/contracts';

export type RunKind = 'build' | 'tests' | 'boot';

/** A kernel build: TuxMake's inputs. `kconfig[0]` is the base config (a `*config` target or a URL). */
export interface BuildSpec {
  runId: string;
  tree: string;
  branch: string;
  commit?: string;
  arch: string;
  toolchain: string;
  kconfig: string[];
}

/** A test run (or a boot-only run when `tests` is empty) on an already built kernel. */
export interface TestSpec {
  runId: string;
  kind: 'tests' | 'boot';
  device: string;
  kernelImageUrl: string;
  modulesUrl?: string;
  /** Test definitions to run after boot, e.g. `ltp-smoke`, `kselftest-timers` (boot always runs first). */
  tests: string[];
}

/** How a runner will reach us: the public callback URL of this run and the secret it must present. */
export interface CallbackTarget {
  /** `KCI_PUBLIC_URL` + `/callbacks/<runner>/<runId>`. */
  url: string;
  /** Random per-run secret (sent back by the runner in a header where the runner supports it). */
  secret: string;
}

export interface Launched {
  /** The runner's id for the job (TuxSuite uid, LAVA job id). */
  jobId: string;
  /** Where a person can look at the job. */
  jobUrl?: string;
}

/** The runner's view of a job, in the runner's own words, mapped to ours. */
export type RunnerJobState =
  { state: 'queued' | 'running' } | { state: 'finished'; result: FinishedResult };

/** What a finished job gives the parser: the runner's status object and where results and logs are. */
export interface FinishedResult {
  /** The runner's own overall result word (e.g. TuxSuite `pass|fail|error|canceled|unknown`, LAVA `Complete|Incomplete|Canceled`). */
  runnerResult: string;
  /** True when the runner itself failed (infrastructure error, canceled), not the kernel. */
  infrastructureError: boolean;
  /** The runner's status object, trimmed of logs. */
  status: Record<string, unknown>;
  /** Per-case results document URL (TuxSuite `results.json`), if any. */
  resultsUrl?: string;
  /** Inline per-suite results (LAVA callback `results`: suite → YAML string). */
  inlineResults?: Record<string, string>;
  /** The full log, for `log_url`. */
  logUrl?: string;
  /** Build artefacts. */
  artifacts?: {
    kernelImageUrl?: string;
    modulesUrl?: string;
    configUrl?: string;
    buildLogUrl?: string;
  };
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
}

/** A verified callback: which job it is about and what it says. */
export type CallbackOutcome =
  | { verified: true; jobId: string; job: RunnerJobState }
  | { verified: false; status: 400 | 401 | 403 | 415; reason: string };

export interface IncomingCallback {
  headers: Record<string, string | string[] | undefined>;
  /** The raw body bytes, exactly as received (signatures are over them). */
  rawBody: Buffer;
}

/** What the orchestrator knows of the run a callback claims to be about. */
export interface KnownRun {
  runId: string;
  jobId: string | null;
  secret: string;
}

export interface RunnerAdapter {
  readonly name: RunnerName;
  launchBuild(spec: BuildSpec, callback: CallbackTarget): Promise<Launched>;
  launchTests(spec: TestSpec, callback: CallbackTarget): Promise<Launched>;
  /** Authenticates and parses a callback for `run`; never throws on bad input. */
  verifyCallback(run: KnownRun, callback: IncomingCallback): Promise<CallbackOutcome>;
  /** Asks the runner about a job whose callback is overdue. */
  fetchStatus(kind: RunKind, jobId: string): Promise<RunnerJobState>;
}

/** A runner refused or failed a request: `retryable` tells a transient failure (5xx, network) from a refusal. */
export class RunnerError extends Error {
  constructor(
    readonly runner: RunnerName,
    message: string,
    readonly retryable: boolean,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}
