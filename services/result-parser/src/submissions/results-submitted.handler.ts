import type { Envelope } from '@kci-bridge/contracts';
import { EventController, OnEvent, QueryResponder } from '@kci-bridge/messaging';
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

  @OnEvent('results.submitted')
  async handleResultsSubmitted(@Payload() envelope: Envelope<'results.submitted'>): Promise<void> {
    await this.submissions.parseSubmitted(envelope);
  }
}
