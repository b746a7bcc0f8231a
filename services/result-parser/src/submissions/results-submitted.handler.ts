import type { Envelope } from '@kci-bridge/contracts';
import type { BatchResults } from '@kci-bridge/messaging';
import { EventController, OnEventBatch, QueryResponder } from '@kci-bridge/messaging';
import type { OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SubmissionsService } from './submissions.service.js';

/** The edge: events and queries in, one service call each. */
@EventController()
export class ResultsSubmittedHandler implements OnModuleInit {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly responder: QueryResponder,
  ) {}

  onModuleInit(): void {
    this.responder.answer('submission.parser', (q) => this.submissions.describe(q.submissionId));
  }

  /** A pull batch of submissions: recorded in one statement, their objects published together. */
  @OnEventBatch('results.submitted')
  async handleResultsSubmitted(
    @Payload() envelopes: Envelope<'results.submitted'>[],
  ): Promise<BatchResults> {
    return this.submissions.parseSubmitted(envelopes);
  }
}
