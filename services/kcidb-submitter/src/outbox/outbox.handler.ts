import type { Envelope } from '@kci-bridge/contracts';
import type { BatchResults } from '@kci-bridge/messaging';
import { EventController, OnEvent, OnEventBatch, QueryResponder } from '@kci-bridge/messaging';
import type { OnModuleInit } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OutboxService } from './outbox.service.js';

/** The edge: events and queries in, one service call each. */
@EventController()
export class OutboxHandler implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    private readonly responder: QueryResponder,
  ) {}

  onModuleInit(): void {
    this.responder.answer('submission.submitter', (q) =>
      this.outbox.describeSubmission(q.submissionId),
    );
    this.responder.answer('submissions.recent', (q) => this.outbox.recentSubmissions(q.limit));
    this.responder.answer('outbox.pending', (q) => this.outbox.pendingObjects(q.limit));
  }

  /** A pull batch of events stored in one transaction; each is acked after it committed. */
  @OnEventBatch('objects.parsed')
  async handleObjectsParsed(
    @Payload() envelopes: Envelope<'objects.parsed'>[],
  ): Promise<BatchResults> {
    return this.outbox.store(envelopes.map((e) => e.payload));
  }

  @OnEvent('sync.requested')
  async handleSyncRequested(@Payload() envelope: Envelope<'sync.requested'>): Promise<void> {
    await this.outbox.sync(envelope.payload);
  }

  @OnEvent('deadletter.recorded')
  async handleDeadLetterRecorded(
    @Payload() envelope: Envelope<'deadletter.recorded'>,
  ): Promise<void> {
    await this.outbox.recordDeadLetter(envelope.payload);
  }
}
