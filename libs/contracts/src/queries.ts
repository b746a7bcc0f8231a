/**
 * Request/reply queries (core NATS, not stored in the stream): the gateway asks the
 * service that owns a piece of state. Subject: `<prefix>.query.<type>`; each owner
 * answers on its own subject so replies can be merged.
 */

export interface SubmissionQueryV1 {
  submissionId: string;
}

export interface ParserSubmissionReplyV1 {
  found: boolean;
  buildId?: string;
  testCount?: number;
  parsedAt?: string;
  diagnostics?: string[];
}

/** pending: waiting to be sent; posted: KCIDB took the report, ingestion not confirmed yet. */
export type ObjectState = 'pending' | 'posted' | 'submitted' | 'dead';

export interface SubmitterObjectV1 {
  id: string;
  kind: string;
  state: ObjectState;
  attempts: number;
  reason?: string;
  kcidbSubmissionId?: string;
}

export interface SubmitterSubmissionReplyV1 {
  found: boolean;
  counts: Record<ObjectState, number>;
  objects: SubmitterObjectV1[];
}

export type RunState = 'requested' | 'launched' | 'running' | 'finished' | 'failed' | 'timed_out';

export interface RunQueryV1 {
  runId: string;
}

export interface RunTransitionV1 {
  from: RunState | null;
  to: RunState;
  reason?: string;
  at: string;
}

export interface OrchestratorRunReplyV1 {
  found: boolean;
  kind?: 'build' | 'tests' | 'boot';
  runner?: string;
  state?: RunState;
  runnerJobId?: string | null;
  runnerJobUrl?: string | null;
  reason?: string | null;
  createdAt?: string;
  updatedAt?: string;
  finishedAt?: string | null;
  transitions?: RunTransitionV1[];
}

export interface ConfiguredRunnersReplyV1 {
  runners: string[];
}

export interface DeadLetterV1 {
  id: string;
  /** `event`: a message no handler could take; `report`: KCIDB rejected or failed it; `validation`: our validator refused it. */
  source: 'event' | 'report' | 'validation';
  service: string;
  eventType: string | null;
  reason: string;
  /** KCIDB's response, for reports. */
  response: string | null;
  objectIds: string[];
  deliveries: number | null;
  createdAt: string;
  retriedAt: string | null;
  retries: number;
}

export interface DeadLettersQueryV1 {
  limit: number;
  /** Only those not retried yet. */
  pendingOnly?: boolean;
}

export interface DeadLettersReplyV1 {
  items: DeadLetterV1[];
}

export interface DeadLetterRetryV1 {
  id: string;
}

export interface DeadLetterRetryReplyV1 {
  found: boolean;
  retried: boolean;
  /** What was re-queued, or why nothing could be. */
  detail: string;
}

/** The newest `limit` items of a list (the status page's queries). */
export interface RecentQueryV1 {
  limit: number;
}

/** The most items a list query answers with. */
export const MAX_LIST_LIMIT = 500;

/** A list query's limit as its owner applies it: a whole number from 1 to `MAX_LIST_LIMIT` (100 when not a number). */
export function listLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 1), MAX_LIST_LIMIT) : 100;
}

export interface RunSummaryV1 {
  id: string;
  kind: 'build' | 'tests' | 'boot';
  runner: string;
  state: RunState;
  runnerJobId: string | null;
  runnerJobUrl: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface RecentRunsReplyV1 {
  /** Newest first. */
  items: RunSummaryV1[];
}

export interface SubmissionSummaryV1 {
  /** A submission id, or a run id for a run's objects. */
  submissionId: string;
  /** When the outbox got its first objects, and its last. */
  firstAt: string;
  lastAt: string;
  counts: Record<ObjectState, number>;
  /** KCIDB's ids for the reports that carried its objects (at most 5). */
  kcidbSubmissionIds: string[];
}

export interface RecentSubmissionsReplyV1 {
  /** Newest first, by when their last objects arrived. */
  items: SubmissionSummaryV1[];
}

export interface PendingObjectV1 {
  id: string;
  kind: string;
  state: 'pending' | 'posted';
  attempts: number;
  /** Why the last attempt did not deliver it (KCIDB's answer, a timeout...). */
  reason: string | null;
  createdAt: string;
  /** When it is tried next (pending objects). */
  nextAttemptAt: string | null;
  /** KCIDB's id of the report it was posted in (posted). */
  kcidbSubmissionId: string | null;
}

export interface PendingObjectsReplyV1 {
  /** How many objects wait, by state. */
  counts: { pending: number; posted: number };
  /** Oldest first. */
  items: PendingObjectV1[];
}

export interface QueryMap {
  'deadletters.list': { request: DeadLettersQueryV1; reply: DeadLettersReplyV1 };
  'deadletter.retry': { request: DeadLetterRetryV1; reply: DeadLetterRetryReplyV1 };
  'outbox.pending': { request: RecentQueryV1; reply: PendingObjectsReplyV1 };
  'run.orchestrator': { request: RunQueryV1; reply: OrchestratorRunReplyV1 };
  'runners.configured': { request: Record<string, never>; reply: ConfiguredRunnersReplyV1 };
  'runs.recent': { request: RecentQueryV1; reply: RecentRunsReplyV1 };
  'submission.parser': { request: SubmissionQueryV1; reply: ParserSubmissionReplyV1 };
  'submission.submitter': { request: SubmissionQueryV1; reply: SubmitterSubmissionReplyV1 };
  'submissions.recent': { request: RecentQueryV1; reply: RecentSubmissionsReplyV1 };
}

export type QueryType = keyof QueryMap;
export type QueryRequestOf<Q extends QueryType> = QueryMap[Q]['request'];
export type QueryReplyOf<Q extends QueryType> = QueryMap[Q]['reply'];

/** A failed query answers with this instead of a reply. */
export interface QueryErrorV1 {
  error: string;
}
