import { Migration } from '@mikro-orm/migrations';

/** Dead letters can be retried after a fix: when, and how often. Forward-only. */
export class Migration20261123000002 extends Migration {
  override up(): void {
    this.addSql(
      `alter table "dead_letters" add column "retried_at" timestamptz null, add column "retries" integer not null default 0;`,
    );
  }
}
