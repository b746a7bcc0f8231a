/**
 * Every event the bridge publishes, by type, with its payload.
 *
 * A published payload version is never changed in place: add `FooV2` beside `FooV1`
 * and a new event type, and keep consuming V1 until no producer emits it.
 * The subject of an event is `<prefix>.<type>` (see subjects.ts); nothing else spells one.
 */
import type { KcidbObjects, KcidbStatus } from '@kci-bridge/kcidb';

/** One test result as a client submitted it to `POST /api/v1/tests/submit`. */
export interface SubmittedTestV1 {
  test_name: string;
  test_collection: string;
  result: KcidbStatus;
  logs?: string;
  /** When the test started (ISO 8601 with a timezone); the submission time when absent. */
  start_time?: string;
  /** Seconds. */
  duration?: number;
  /** Where the full log can be downloaded. */
  log_url?: string;
}

/** A CI posted results it produced elsewhere; the gateway accepted them. */
export interface ResultsSubmittedV1 {
  submissionId: string;
  receivedAt: string;
  testUid: string;
  buildId: string;
  device?: string;
  runtime?: string;
  tests: SubmittedTestV1[];
}

export type { KcidbObjects } from '@kci-bridge/kcidb';

/** KCIDB objects ready to submit, produced from one submission (possibly in several parts). */
export interface ObjectsParsedV1 {
  submissionId: string;
  /** Part number (0-based) and count: big submissions are split to stay under the message size limit. */
  part: number;
  parts: number;
  objects: KcidbObjects;
}

export const SYNC_SCOPES = ['results', 'builds'] as const;
export type SyncScope = (typeof SYNC_SCOPES)[number];

/** Re-submit what is pending or failed-retryable in a scope (tests for `results`; checkouts and builds for `builds`). */
export interface SyncRequestedV1 {
  scope: SyncScope;
  requestedBy: 'api' | 'schedule';
  /** For scheduled syncs: the cron slot this event stands for (so replicas do not double-trigger). */
  slot?: string;
}

/** A message that can never be handled, recorded with the reason instead of being dropped. */
export interface DeadLetterRecordedV1 {
  service: string;
  eventId: string;
  eventType: string;
  subject: string;
  reason: string;
  deliveries: number;
  /** The raw message, truncated to a bound. */
  data: string;
  recordedAt: string;
}

export const RUNNER_NAMES = ['tuxsuite', 'lava'] as const;
export type RunnerName = (typeof RUNNER_NAMES)[number];

/** A kernel build asked for with `POST /api/v1/builds/run`. `kconfig[0]` is the base config. */
export interface BuildRequestedV1 {
  runId: string;
  requestedAt: string;
  runner: RunnerName;
  tree: string;
  branch: string;
  commit?: string;
  treeName?: string;
  arch: string;
  toolchain: string;
  kconfig: string[];
}

/** A test run (`POST /api/v1/tests/run`) or a boot test (`POST /api/v1/boot-test/run`, `kind: 'boot'`, no tests). */
export interface TestRunRequestedV1 {
  runId: string;
  requestedAt: string;
  runner: RunnerName;
  kind: 'tests' | 'boot';
  buildId: string;
  kernelImageUrl: string;
  modulesUrl?: string;
  tests: string[];
  collection: string;
  device: string;
}

/** How a run ended, from the orchestrator's point of view. */
export type RunOutcome = 'finished' | 'failed' | 'timed_out';

/**
 * A run ended (or was given up). Carries what the parser needs — the runner's status object and
 * where results and logs are — never the logs themselves.
 */
export interface RunFinishedV1 {
  runId: string;
  runner: RunnerName;
  runnerJobId: string | null;
  outcome: RunOutcome;
  /** Why the run failed or timed out (the runner's refusal, a lost job). */
  reason?: string;
  request:
    | { kind: 'build'; build: BuildRequestedV1 }
    | { kind: 'tests' | 'boot'; test: TestRunRequestedV1 };
  /** Present when the runner reported a finished job. */
  result?: {
    runnerResult: string;
    infrastructureError: boolean;
    status: Record<string, unknown>;
    resultsUrl?: string;
    inlineResults?: Record<string, string>;
    logUrl?: string;
    artifacts?: {
      kernelImageUrl?: string;
      modulesUrl?: string;
      configUrl?: string;
      buildLogUrl?: string;
    };
    startedAt?: string;
    finishedAt?: string;
    durationSeconds?: number;
  };
  finishedAt: string;
}

export interface EventMap {
  'build.requested': BuildRequestedV1;
  'testrun.requested': TestRunRequestedV1;
  'run.finished': RunFinishedV1;
  'results.submitted': ResultsSubmittedV1;
  'objects.parsed': ObjectsParsedV1;
  'sync.requested': SyncRequestedV1;
  'deadletter.recorded': DeadLetterRecordedV1;
}

export type EventType = keyof EventMap;
export type PayloadOf<T extends EventType> = EventMap[T];

export const EVENT_TYPES: readonly EventType[] = [
  'build.requested',
  'testrun.requested',
  'run.finished',
  'results.submitted',
  'objects.parsed',
  'sync.requested',
  'deadletter.recorded',
];

/** The one envelope every message carries. `id` is also the `Nats-Msg-Id`. */
export interface Envelope<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  correlationId: string;
  payload: EventMap[T];
}
