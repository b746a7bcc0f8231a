import { Migration } from '@mikro-orm/migrations';

/** Outbox, reports and dead letters. Policy: migrations only move forward; `down` stays empty. */
export class Migration20261123000001 extends Migration {
  override up(): void {
    this.addSql(`create table "reports" (
      "id" uuid not null primary key,
      "state" text not null,
      "kcidb_id" text null,
      "object_count" integer not null,
      "bytes" integer not null,
      "http_status" integer null,
      "response" text null,
      "status_checks" integer not null default 0,
      "next_check_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "finished_at" timestamptz null
    );`);
    this.addSql(
      `create index "reports_due_idx" on "reports" ("next_check_at") where "state" = 'posted';`,
    );
    this.addSql(`create table "outbox_objects" (
      "id" text not null primary key,
      "kind" text not null,
      "body" jsonb not null,
      "bytes" integer not null,
      "state" text not null default 'pending',
      "attempts" integer not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "lease_until" timestamptz null,
      "report_id" uuid null,
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(
      `create index "outbox_due_idx" on "outbox_objects" ("next_attempt_at") where "state" = 'pending';`,
    );
    this.addSql(`create table "submission_objects" (
      "submission_id" text not null,
      "object_id" text not null,
      primary key ("submission_id", "object_id")
    );`);
    this.addSql(`create index "outbox_report_idx" on "outbox_objects" ("report_id");`);
    this.addSql(`create table "dead_letters" (
      "id" bigserial primary key,
      "source" text not null,
      "key" text not null,
      "service" text not null,
      "event_type" text null,
      "subject" text null,
      "reason" text not null,
      "response" text null,
      "data" text null,
      "deliveries" integer null,
      "created_at" timestamptz not null default now(),
      constraint "dead_letters_key_unique" unique ("source", "key")
    );`);
  }
}
