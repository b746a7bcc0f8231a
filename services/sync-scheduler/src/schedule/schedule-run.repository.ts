import type { SyncScope } from '@kci-bridge/contracts';
import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';

@Injectable()
export class ScheduleRunRepository {
  constructor(private readonly db: Database) {}

  /** Claims a slot; true for the one replica whose insert won. */
  async claim(scope: SyncScope, slot: Date): Promise<boolean> {
    const rows = await this.db.execute<{ scope: string }>(
      `insert into schedule_runs (scope, slot) values (?, ?) on conflict do nothing returning scope`,
      [scope, slot],
    );
    return rows.length === 1;
  }

  /** Slots claimed more than `olderThanMs` ago but not published (the claimer died or NATS was down). */
  async unpublished(olderThanMs: number): Promise<Array<{ scope: SyncScope; slot: Date }>> {
    return this.db.execute<{ scope: SyncScope; slot: Date }>(
      `select scope, slot from schedule_runs
       where published_at is null and created_at < now() - (? * interval '1 millisecond') order by slot limit 100`,
      [olderThanMs],
    );
  }

  async markPublished(scope: SyncScope, slot: Date): Promise<void> {
    await this.db.execute(
      `update schedule_runs set published_at = now() where scope = ? and slot = ?`,
      [scope, slot],
    );
  }
}
