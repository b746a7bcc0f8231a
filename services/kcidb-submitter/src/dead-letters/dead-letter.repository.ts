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
       values (?, ?, 'kcidb-submitter', ?, ?, ?)
       on conflict (source, key) do update set reason = excluded.reason, response = excluded.response,
         data = excluded.data, created_at = now(), retried_at = null`,
      [source, key, reason, response, JSON.stringify(objectIds)],
    );
  }

  async list(limit: number, pendingOnly: boolean): Promise<DeadLetterRow[]> {
    return this.db.execute<DeadLetterRow>(
      `select * from dead_letters ${pendingOnly ? 'where retried_at is null' : ''} order by id desc limit ?`,
      [limit],
    );
  }

  async get(id: string): Promise<DeadLetterRow | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const [row] = await this.db.execute<DeadLetterRow>(`select * from dead_letters where id = ?`, [
      id,
    ]);
    return row;
  }

  async countPending(): Promise<number> {
    const [row] = await this.db.execute<{ n: string }>(
      `select count(*) as n from dead_letters where retried_at is null`,
    );
    return Number(row?.n ?? 0);
  }

  async markRetried(id: string): Promise<void> {
    await this.db.execute(
      `update dead_letters set retried_at = now(), retries = retries + 1 where id = ?`,
      [id],
    );
  }
}

export interface DeadLetterRow {
  id: string;
  source: 'event' | 'report' | 'validation';
  key: string;
  service: string;
  event_type: string | null;
  subject: string | null;
  reason: string;
  response: string | null;
  data: string | null;
  deliveries: number | null;
  created_at: Date;
  retried_at: Date | null;
  retries: number;
}
