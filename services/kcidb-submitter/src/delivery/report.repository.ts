import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';

export type ReportState = 'posting' | 'posted' | 'processed' | 'failed' | 'rejected' | 'spooled';

export interface DueReport {
  id: string;
  kcidb_id: string;
  status_checks: number;
}

/** Reports sent to KCIDB: what was sent, what KCIDB answered, and its ingestion state. */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: Database) {}

  async create(id: string, objectCount: number, bytes: number): Promise<void> {
    await this.db.execute(
      `insert into reports (id, state, object_count, bytes) values (?, 'posting', ?, ?)`,
      [id, objectCount, bytes],
    );
  }

  async finish(
    id: string,
    state: Exclude<ReportState, 'posting' | 'posted'>,
    httpStatus: number | null,
    response: string,
  ): Promise<void> {
    await this.db.execute(
      `update reports set state = ?, http_status = coalesce(?, http_status), response = ?, finished_at = now(),
         next_check_at = null where id = ?`,
      [state, httpStatus, response, id],
    );
  }

  /** Forgets a report whose POST did not get through; its objects go back to the queue. */
  async abandon(id: string, reason: string): Promise<void> {
    await this.db.execute(
      `update reports set state = 'failed', response = ?, finished_at = now() where id = ? and state = 'posting'`,
      [reason, id],
    );
  }

  /** Takes reports whose ingestion state is due for a check, pushing their next check out by `leaseMs`. */
  async claimDueChecks(limit: number, leaseMs: number): Promise<DueReport[]> {
    return this.db.execute<DueReport>(
      `with c as (
         select id from reports where state = 'posted' and next_check_at <= now()
         order by next_check_at limit ? for update skip locked)
       update reports r set next_check_at = now() + (? * interval '1 millisecond'), status_checks = r.status_checks + 1
       from c where r.id = c.id returning r.id, r.kcidb_id, r.status_checks`,
      [limit, leaseMs],
    );
  }

  async checkAgainIn(id: string, delayMs: number): Promise<void> {
    await this.db.execute(
      `update reports set next_check_at = now() + (? * interval '1 millisecond') where id = ?`,
      [delayMs, id],
    );
  }
}
