import type { ObjectState, PendingObjectV1, SubmissionSummaryV1 } from '@kci-bridge/contracts';
import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';

const iso = (d: Date | string): string => new Date(d).toISOString();

/** Read-only views of the outbox for the status page: the newest submissions, what still waits. */
@Injectable()
export class OutboxQueryRepository {
  constructor(private readonly db: Database) {}

  /**
   * The newest submissions with their objects' states. The links one transaction adds share its
   * `created_at` (one pull batch: up to 64 submissions), so a walk down the index over the newest
   * `limit` distinct times holds at least the `limit` newest submissions, which are then ordered
   * by time, without grouping the whole table; then one lateral aggregate per submission keeps
   * the plan on the primary keys (a plain join and group by made PostgreSQL scan both tables:
   * 295 ms against 2 ms for a million links).
   */
  async recentSubmissions(limit: number): Promise<SubmissionSummaryV1[]> {
    const rows = await this.db.execute<{
      submission_id: string;
      first_at: Date;
      last_at: Date;
      pending: string;
      posted: string;
      submitted: string;
      dead: string;
      kcidb_ids: string[] | null;
    }>(
      `with recursive times(at) as (
         (select created_at from submission_objects order by created_at desc limit 1)
         union all
         select (select s.created_at from submission_objects s where s.created_at < times.at
                 order by s.created_at desc limit 1)
         from times where times.at is not null),
       recent as (
         select s.submission_id, max(s.created_at) as at
         from (select at from times where at is not null limit ?) t
         join submission_objects s on s.created_at = t.at
         group by s.submission_id
         order by at desc, s.submission_id
         limit ?)
       select recent.submission_id, agg.*
       from recent cross join lateral (
         select min(s.created_at) as first_at, max(s.created_at) as last_at,
           count(*) filter (where o.state = 'pending') as pending,
           count(*) filter (where o.state = 'posted') as posted,
           count(*) filter (where o.state = 'submitted') as submitted,
           count(*) filter (where o.state = 'dead') as dead,
           (array_agg(distinct r.kcidb_id) filter (where r.kcidb_id is not null))[1:5] as kcidb_ids
         from submission_objects s join outbox_objects o on o.id = s.object_id
         left join reports r on r.id = o.report_id
         where s.submission_id = recent.submission_id) agg
       order by agg.last_at desc, recent.submission_id`,
      [limit, limit],
    );
    return rows.map((r) => {
      const counts: Record<ObjectState, number> = {
        pending: Number(r.pending),
        posted: Number(r.posted),
        submitted: Number(r.submitted),
        dead: Number(r.dead),
      };
      return {
        submissionId: r.submission_id,
        firstAt: iso(r.first_at),
        lastAt: iso(r.last_at),
        counts,
        kcidbSubmissionIds: r.kcidb_ids ?? [],
      };
    });
  }

  /** How many objects wait, and the oldest `limit` of them with why they are not delivered yet. */
  async pendingObjects(
    limit: number,
  ): Promise<{ counts: { pending: number; posted: number }; items: PendingObjectV1[] }> {
    // Only the partial indexes are read (pending objects on `outbox_due_idx`, posted ones through
    // their reports still `posted`), never the whole outbox with its delivered history.
    const [count] = await this.db.execute<{ pending: string; posted: string }>(
      `select (select count(*) from outbox_objects where state = 'pending') as pending,
         (select count(*) from reports r join outbox_objects o on o.report_id = r.id
          where r.state = 'posted' and o.state = 'posted') as posted`,
    );
    const rows = await this.db.execute<{
      id: string;
      kind: string;
      state: 'pending' | 'posted';
      attempts: number;
      last_error: string | null;
      created_at: Date;
      next_attempt_at: Date;
      kcidb_id: string | null;
    }>(
      `select * from (
         (select o.id, o.kind, o.state, o.attempts, o.last_error, o.created_at, o.next_attempt_at,
            null::text as kcidb_id
          from outbox_objects o where o.state = 'pending' order by o.created_at, o.id limit ?)
         union all
         (select o.id, o.kind, o.state, o.attempts, o.last_error, o.created_at, o.next_attempt_at,
            r.kcidb_id
          from reports r join outbox_objects o on o.report_id = r.id
          where r.state = 'posted' and o.state = 'posted' order by o.created_at, o.id limit ?)) w
       order by created_at, id limit ?`,
      [limit, limit, limit],
    );
    return {
      counts: { pending: Number(count?.pending ?? 0), posted: Number(count?.posted ?? 0) },
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        state: r.state,
        attempts: r.attempts,
        reason: r.last_error,
        createdAt: iso(r.created_at),
        nextAttemptAt: r.state === 'pending' ? iso(r.next_attempt_at) : null,
        kcidbSubmissionId: r.kcidb_id,
      })),
    };
  }
}
