import { Migration } from '@mikro-orm/migrations';

/** Runs and their recorded transitions (the state machine lands with the runner adapters). Forward-only. */
export class Migration20261123000001 extends Migration {
  override up(): void {
    this.addSql(`create table "runs" (
      "id" uuid not null primary key,
      "kind" text not null,
      "runner" text not null,
      "state" text not null,
      "runner_job_id" text null,
      "request" jsonb not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create table "run_transitions" (
      "id" bigserial primary key,
      "run_id" uuid not null references "runs" ("id"),
      "from_state" text null,
      "to_state" text not null,
      "reason" text null,
      "at" timestamptz not null default now()
    );`);
  }
}
