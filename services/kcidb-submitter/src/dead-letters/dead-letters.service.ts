import type {
  DeadLetterRetryReplyV1,
  DeadLetterV1,
  DeadLettersReplyV1,
} from '@kci-bridge/contracts';
import { EventPublisher, QueryResponder, parseEnvelope } from '@kci-bridge/messaging';
import { PINO } from '@kci-bridge/service-kit';
import type { OnModuleInit } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { DeliveryService } from '../delivery/delivery.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import type { DeadLetterRow } from './dead-letter.repository.js';
import { DeadLetterRepository } from './dead-letter.repository.js';

function objectIdsOf(row: DeadLetterRow): string[] {
  if (row.source === 'event' || row.data === null) return [];
  try {
    const ids: unknown = JSON.parse(row.data);
    return Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
  } catch {
    return [];
  }
}

function view(row: DeadLetterRow): DeadLetterV1 {
  return {
    id: String(row.id),
    source: row.source,
    service: row.service,
    eventType: row.event_type,
    reason: row.reason,
    response: row.response,
    objectIds: objectIdsOf(row),
    deliveries: row.deliveries,
    createdAt: new Date(row.created_at).toISOString(),
    retriedAt: row.retried_at ? new Date(row.retried_at).toISOString() : null,
    retries: row.retries,
  };
}

/** Dead letters you can act on: listed with their reason and KCIDB's response, retried after a fix. */
@Injectable()
export class DeadLettersService implements OnModuleInit {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
    private readonly delivery: DeliveryService,
    private readonly publisher: EventPublisher,
    private readonly responder: QueryResponder,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  onModuleInit(): void {
    this.responder.answer('deadletters.list', (q) => this.list(q.limit, q.pendingOnly ?? false));
    this.responder.answer('deadletter.retry', (q) => this.retry(q.id));
  }

  async list(limit: number, pendingOnly: boolean): Promise<DeadLettersReplyV1> {
    const rows = await this.deadLetters.list(Math.min(Math.max(limit, 1), 500), pendingOnly);
    return { items: rows.map(view) };
  }

  /**
   * Re-queues what a dead letter holds: a rejected report's objects go back to the outbox (sent
   * again as they are: fix the data at its source, or the token, first); an event is published again.
   */
  async retry(id: string): Promise<DeadLetterRetryReplyV1> {
    const row = await this.deadLetters.get(id);
    if (!row) return { found: false, retried: false, detail: `no dead letter ${id}` };
    if (row.source === 'event') {
      const envelope = parseEnvelope(new TextEncoder().encode(row.data ?? ''));
      if (typeof envelope === 'string') {
        return {
          found: true,
          retried: false,
          detail: `the stored message cannot be published again: ${envelope}`,
        };
      }
      await this.publisher.publish(envelope.type, envelope.payload, {
        correlationId: envelope.correlationId,
        id: `retry-${row.id}-${row.retries + 1}`,
      });
      await this.deadLetters.markRetried(id);
      this.logger.info(
        { deadLetter: id, eventType: envelope.type },
        'dead letter retried: event published again',
      );
      return { found: true, retried: true, detail: `${envelope.type} published again` };
    }
    const ids = objectIdsOf(row);
    const n = await this.outbox.requeueDead(ids);
    await this.deadLetters.markRetried(id);
    this.delivery.wake();
    this.logger.info({ deadLetter: id, objects: n }, 'dead letter retried: objects re-queued');
    return { found: true, retried: n > 0, detail: `${n} of ${ids.length} object(s) re-queued` };
  }
}
