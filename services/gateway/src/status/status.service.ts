import type {
  DeadLetterV1,
  PendingObjectsReplyV1,
  QueryReplyOf,
  QueryRequestOf,
  QueryType,
  RunSummaryV1,
  SubmissionSummaryV1,
} from '@kci-bridge/contracts';
import { QueryClient, describeError } from '@kci-bridge/messaging';
import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service.js';
import type { Caller, Scope } from '../auth/scopes.js';

/** A part of the page: what its owner answered, or why it did not. */
export type Section<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface StatusOverview {
  runs: Section<RunSummaryV1[]>;
  submissions: Section<SubmissionSummaryV1[]>;
  pending: Section<PendingObjectsReplyV1>;
  deadLetters: Section<DeadLetterV1[]>;
}

/** How many of each list the page shows. */
export const PAGE_LIMITS = { runs: 20, submissions: 20, pending: 50, deadLetters: 50 };

/** The scope the status page needs to be seen; retrying a dead letter needs `admin`. */
export const STATUS_SCOPE: Scope = 'read';

/** What the status page shows, asked of the services that own it; signing in. */
@Injectable()
export class StatusService {
  constructor(
    private readonly queries: QueryClient,
    private readonly auth: AuthService,
  ) {}

  /** Everything the page shows. A service that does not answer leaves its own section empty, not the page. */
  async overview(): Promise<StatusOverview> {
    const [runs, submissions, pending, deadLetters] = await Promise.all([
      this.section('runs.recent', { limit: PAGE_LIMITS.runs }, (r) => r.items),
      this.section('submissions.recent', { limit: PAGE_LIMITS.submissions }, (r) => r.items),
      this.section('outbox.pending', { limit: PAGE_LIMITS.pending }, (r) => r),
      this.section('deadletters.list', { limit: PAGE_LIMITS.deadLetters }, (r) => r.items),
    ]);
    return { runs, submissions, pending, deadLetters };
  }

  /** Retries a dead letter; the message to show. */
  async retry(id: string): Promise<{ ok: boolean; text: string }> {
    if (!/^\d{1,18}$/.test(id)) return { ok: false, text: `No dead letter ${id}.` };
    const reply = await this.queries.ask('deadletter.retry', { id });
    if (!reply.found) return { ok: false, text: `Dead letter ${id}: ${reply.detail}` };
    return {
      ok: reply.retried,
      text: `Dead letter ${id} ${reply.retried ? 'retried' : 'not retried'}: ${reply.detail}`,
    };
  }

  /** The token's caller, if it may see the page: 401 for an unknown token, 403 without the scope. */
  signIn(token: string): Promise<Caller> {
    return this.auth.authorize(token, STATUS_SCOPE, 'see the status page');
  }

  private async section<Q extends QueryType, T>(
    type: Q,
    request: QueryRequestOf<Q>,
    pick: (reply: QueryReplyOf<Q>) => T,
  ): Promise<Section<T>> {
    try {
      return { ok: true, value: pick(await this.queries.ask(type, request)) };
    } catch (e) {
      return { ok: false, problem: describeError(e) };
    }
  }
}
