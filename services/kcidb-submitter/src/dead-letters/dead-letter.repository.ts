import type { DeadLetterRecordedV1 } from '@kci-bridge/contracts';
import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';

/** Dead letters of every service (events that could never be handled) and of KCIDB (rejected reports). */
@Injectable()
export class DeadLetterRepository {
  constructor(private readonly db: Database) {}

  /** Records a dead event once, whichever replica or redelivery brings it. */
  async recordEvent(record: DeadLetterRecordedV1): Promise<void> {
    await this.db.execute(
      `insert into dead_letters (source, key, service, event_type, subject, reason, data, deliveries, created_at)
       values ('event', ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source, key) do nothing`,
      [
        `${record.service}:${record.eventId}`,
        record.service,
        record.eventType,
        record.subject,
        record.reason,
        record.data,
        record.deliveries,
        record.recordedAt,
      ],
    );
  }

  /** Records objects KCIDB rejected (a report) or our validation refused, with the response or reason. */
  async recordRejected(
    source: 'report' | 'validation',
    key: string,
    reason: string,
    response: string,
    objectIds: string[],
  ): Promise<void> {
    await this.db.execute(
      `insert into dead_letters (source, key, service, reason, response, data)
       values (?, ?, 'kcidb-submitter', ?, ?, ?) on conflict (source, key) do nothing`,
      [source, key, reason, response, JSON.stringify(objectIds)],
    );
  }
}
