import type {
  DeadLetterRecordedV1,
  ObjectsParsedV1,
  PendingObjectsReplyV1,
  RecentSubmissionsReplyV1,
  SubmitterSubmissionReplyV1,
  SyncRequestedV1,
  SyncScope,
} from '@kci-bridge/contracts';
import type { KcidbObjectKind } from '@kci-bridge/kcidb';
import { listLimit } from '@kci-bridge/contracts';
import { KCIDB_OBJECT_KINDS } from '@kci-bridge/kcidb';
import { describeError, inBatchOrAlone } from '@kci-bridge/messaging';
import { PINO } from '@kci-bridge/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import type { NewObject } from './outbox.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxQueryRepository } from './outbox-query.repository.js';

const SCOPE_KINDS: Record<SyncScope, KcidbObjectKind[]> = {
  results: ['tests'],
  builds: ['checkouts', 'builds'],
};

@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly views: OutboxQueryRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly delivery: DeliveryService,
    @Inject(PINO) private readonly logger: Pino,
  ) {}

  /**
   * Keeps the parsed objects of a batch of events until KCIDB has them, in one transaction; a
   * redelivered event adds nothing. Returns one result per event (undefined: stored). When the
   * batch fails as a whole, each event is tried on its own, so one bad event fails alone.
   */
  async store(events: ObjectsParsedV1[]): Promise<(Error | undefined)[]> {
    return inBatchOrAlone(
      events,
      (some) => this.storeTogether(some),
      (e) =>
        this.logger.warn(
          { events: events.length, err: describeError(e) },
          'storing a batch failed; storing its events one by one',
        ),
    );
  }

  private async storeTogether(events: readonly ObjectsParsedV1[]): Promise<void> {
    const added = await this.outbox.addNew(
      events.map((event) => ({ submissionId: event.submissionId, objects: objectsOf(event) })),
    );
    if (added > 0) this.delivery.added(added);
  }

  /** Makes everything pending in the scope due now. */
  async sync(event: SyncRequestedV1): Promise<void> {
    const n = await this.outbox.makeDue(SCOPE_KINDS[event.scope]);
    this.logger.info(
      { scope: event.scope, requestedBy: event.requestedBy, objects: n },
      'sync requested',
    );
    this.delivery.wake();
  }

  async recordDeadLetter(record: DeadLetterRecordedV1): Promise<void> {
    await this.deadLetters.recordEvent(record);
  }

  async describeSubmission(submissionId: string): Promise<SubmitterSubmissionReplyV1> {
    const { counts, objects } = await this.outbox.ofSubmission(submissionId);
    const found = Object.values(counts).some((n) => n > 0);
    return { found, counts, objects };
  }

  /** The newest submissions with their objects' KCIDB states (the status page). */
  async recentSubmissions(limit: number): Promise<RecentSubmissionsReplyV1> {
    return { items: await this.views.recentSubmissions(listLimit(limit)) };
  }

  /** What waits to be delivered, oldest first, with the reason (the status page). */
  async pendingObjects(limit: number): Promise<PendingObjectsReplyV1> {
    return this.views.pendingObjects(listLimit(limit));
  }
}

function objectsOf(event: ObjectsParsedV1): NewObject[] {
  const objects: NewObject[] = [];
  for (const kind of KCIDB_OBJECT_KINDS) {
    for (const body of event.objects[kind] ?? []) objects.push({ id: body.id, kind, body });
  }
  return objects;
}
