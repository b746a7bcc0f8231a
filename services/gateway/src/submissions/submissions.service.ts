import { randomUUID } from 'node:crypto';
import type {
  ParserSubmissionReplyV1,
  ResultsSubmittedV1,
  SubmitterSubmissionReplyV1,
} from '@kci-bridge/contracts';
import { EventPublisher, QueryClient } from '@kci-bridge/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config/env.js';
import type { Caller } from '../auth/scopes.js';
import { mayUseOrigin } from '../auth/scopes.js';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { TestsSubmitDto } from './tests-submit.dto.js';

export interface Accepted {
  id: string;
  status: 'accepted';
  tests: number;
  links: { self: string };
}

export type SubmissionState = 'parsed' | 'submitting' | 'submitted' | 'partially_failed' | 'failed';

export interface SubmissionView {
  id: string;
  state: SubmissionState;
  build_id?: string;
  tests?: number;
  parsed_at?: string;
  diagnostics: string[];
  objects: SubmitterSubmissionReplyV1['counts'];
  items: Array<{
    id: string;
    kind: string;
    state: string;
    attempts: number;
    reason?: string;
    kcidb_submission_id?: string;
  }>;
}

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly queries: QueryClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Accepts results: answers only once JetStream stored the event (else MessagingUnavailableError → 503). */
  async submit(
    caller: Caller,
    body: TestsSubmitDto,
    correlationId: string | undefined,
  ): Promise<Accepted> {
    assertOrigin(caller, this.config.origin);
    if (body.tests.length > this.config.maxTestsPerSubmission) {
      throw new ApiError(ApiErrorCode.INVALID_FIELDS, 'too many tests in one submission', [
        {
          field: 'tests',
          message: `at most ${this.config.maxTestsPerSubmission} tests per submission; split it`,
        },
      ]);
    }
    const id = randomUUID();
    const payload: ResultsSubmittedV1 = {
      submissionId: id,
      receivedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      testUid: body.test_uid,
      buildId: body.build_id,
      tests: body.tests.map((t) => ({
        test_name: t.test_name,
        test_collection: t.test_collection,
        result: t.result,
        ...(t.logs !== undefined ? { logs: t.logs } : {}),
        ...(t.start_time !== undefined ? { start_time: t.start_time } : {}),
        ...(t.duration !== undefined ? { duration: t.duration } : {}),
        ...(t.log_url !== undefined ? { log_url: t.log_url } : {}),
      })),
      ...(body.device !== undefined ? { device: body.device } : {}),
      ...(body.runtime !== undefined ? { runtime: body.runtime } : {}),
    };
    await this.publisher.publish('results.submitted', payload, {
      id,
      correlationId: correlationId ?? id,
    });
    return {
      id,
      status: 'accepted',
      tests: body.tests.length,
      links: { self: `/api/v1/submissions/${id}` },
    };
  }

  /** What became of a submission, asked of the services that own each part of the answer. */
  async describe(id: string): Promise<SubmissionView> {
    const [parser, submitter] = await Promise.all([
      this.queries.ask('submission.parser', { submissionId: id }),
      this.queries.ask('submission.submitter', { submissionId: id }),
    ]);
    if (!parser.found && !submitter.found) {
      throw new ApiError(
        ApiErrorCode.NOT_FOUND,
        `No submission ${id} is known. A submission accepted a moment ago may not be parsed yet: retry in a second.`,
      );
    }
    return {
      id,
      state: stateOf(parser, submitter),
      ...(parser.buildId !== undefined ? { build_id: parser.buildId } : {}),
      ...(parser.testCount !== undefined ? { tests: parser.testCount } : {}),
      ...(parser.parsedAt !== undefined ? { parsed_at: parser.parsedAt } : {}),
      diagnostics: parser.diagnostics ?? [],
      objects: submitter.counts,
      items: submitter.objects.map((o) => ({
        id: o.id,
        kind: o.kind,
        state: o.state,
        attempts: o.attempts,
        ...(o.reason !== undefined ? { reason: o.reason } : {}),
        ...(o.kcidbSubmissionId !== undefined ? { kcidb_submission_id: o.kcidbSubmissionId } : {}),
      })),
    };
  }
}

function stateOf(
  parser: ParserSubmissionReplyV1,
  submitter: SubmitterSubmissionReplyV1,
): SubmissionState {
  return submissionState(submitter.counts, parser.testCount);
}

/** A submission's state from its objects' states in the outbox (and how many tests were parsed, when known). */
export function submissionState(
  c: SubmitterSubmissionReplyV1['counts'],
  parsedTests?: number,
): SubmissionState {
  const total = c.pending + c.posted + c.submitted + c.dead;
  if (total === 0 || (parsedTests !== undefined && total < parsedTests))
    return total === 0 ? 'parsed' : 'submitting';
  if (c.pending + c.posted > 0) return 'submitting';
  if (c.dead === total) return 'failed';
  if (c.dead > 0) return 'partially_failed';
  return 'submitted';
}

/** The bridge submits results under its own origin: the token must be allowed to use it. */
export function assertOrigin(caller: Caller, origin: string): void {
  if (!mayUseOrigin(caller, origin)) {
    throw new ApiError(
      ApiErrorCode.FORBIDDEN,
      `Token "${caller.name}" may not submit under the KCIDB origin "${origin}".`,
    );
  }
}
