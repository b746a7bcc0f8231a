import { Migration } from '@mikro-orm/migrations';

/** The newest runs, for the status page (`runs.recent`), without a sort of the whole table. Forward-only. */
export class Migration20261123230000 extends Migration {
  override up(): void {
    this.addSql(`create index "runs_created_idx" on "runs" ("created_at");`);
  }
}
