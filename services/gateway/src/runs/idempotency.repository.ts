import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';

export type Reservation =
  | { kind: 'new'; runId: string }
  | { kind: 'existing'; runId: string; published: boolean; requestHash: string };

/** Idempotency keys: the first request with a key reserves a run id; repeats get that id back. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /**
   * Reserves `key` for `runId`, or returns the run an earlier request reserved. A key older than
   * `windowMs` is taken over by the new request.
   */
  async reserve(
    key: string,
    runId: string,
    requestHash: string,
    windowMs: number,
  ): Promise<Reservation> {
    const rows = await this.db.execute<{ run_id: string }>(
      `insert into idempotency_keys (key, run_id, request_hash) values (?, ?, ?)
       on conflict (key) do update set run_id = excluded.run_id, request_hash = excluded.request_hash,
         published = false, created_at = now()
         where idempotency_keys.created_at < now() - (? * interval '1 millisecond')
       returning run_id`,
      [key, runId, requestHash, windowMs],
    );
    const row = rows[0];
    if (row && row.run_id === runId) return { kind: 'new', runId };
    const [existing] = await this.db.execute<{
      run_id: string;
      published: boolean;
      request_hash: string;
    }>(`select run_id, published, request_hash from idempotency_keys where key = ?`, [key]);
    if (!existing) return { kind: 'new', runId }; // released between the two statements
    return {
      kind: 'existing',
      runId: existing.run_id,
      published: existing.published,
      requestHash: existing.request_hash,
    };
  }

  async markPublished(key: string): Promise<void> {
    await this.db.execute(`update idempotency_keys set published = true where key = ?`, [key]);
  }

  /**
   * Forgets keys nobody can repeat any more: `Idempotency-Key` reservations older than `keyTtlMs`,
   * body reservations older than `windowMs`. Returns how many went.
   */
  async prune(keyTtlMs: number, windowMs: number): Promise<number> {
    const rows = await this.db.execute<{ key: string }>(
      `delete from idempotency_keys
        where (key like 'key:%' and created_at < now() - (? * interval '1 millisecond'))
           or (key like 'body:%' and created_at < now() - (? * interval '1 millisecond'))
        returning key`,
      [keyTtlMs, windowMs],
    );
    return rows.length;
  }

  /** Gives a key back when its run could not be published (NATS down): the client's retry starts afresh. */
  async release(key: string, runId: string): Promise<void> {
    await this.db.execute(
      `delete from idempotency_keys where key = ? and run_id = ? and not published`,
      [key, runId],
    );
  }
}
