import { Migration } from '@mikro-orm/migrations';

/** One row per (scope, cron slot): the first replica to insert it publishes. Forward-only policy. */
export class Migration20261123000001 extends Migration {
  override up(): void {
    this.addSql(`create table "schedule_runs" (
      "scope" text not null,
      "slot" timestamptz not null,
      "published_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      primary key ("scope", "slot")
    );`);
  }
}
