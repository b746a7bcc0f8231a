import { Migration } from '@mikro-orm/migrations';

/** Runs, their recorded transitions and callback secrets. Policy: forward-only; `down` stays empty. */
export class Migration20261123000001 extends Migration {
  override up(): void {
    this.addSql(`create table "runs" (
      "id" uuid not null primary key,
      "kind" text not null,
      "runner" text not null,
      "state" text not null,
      "runner_job_id" text null,
      "runner_job_url" text null,
      "request" jsonb not null,
      "callback_secret" text not null,
      "result" jsonb null,
      "reason" text null,
      "next_check_at" timestamptz null,
      "deadline_at" timestamptz not null,
      "finished_at" timestamptz null,
      "published_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(
      `create index "runs_check_idx" on "runs" ("next_check_at") where "state" in ('launched', 'running');`,
    );
    this.addSql(
      `create index "runs_unpublished_idx" on "runs" ("finished_at") where "published_at" is null and "finished_at" is not null;`,
    );
    this.addSql(`create table "run_transitions" (
      "id" bigserial primary key,
      "run_id" uuid not null references "runs" ("id"),
      "from_state" text null,
      "to_state" text not null,
      "reason" text null,
      "at" timestamptz not null default now()
    );`);
    this.addSql(`create index "run_transitions_run_idx" on "run_transitions" ("run_id");`);
  }
}
