import { Migration } from '@mikro-orm/migrations';

/** Parsed submissions. Policy: migrations only move forward; `down` is left empty on purpose. */
export class Migration20261123000001 extends Migration {
  override up(): void {
    this.addSql(`create table "parsed_submissions" (
      "submission_id" text not null primary key,
      "build_id" text not null,
      "test_count" integer not null,
      "object_ids" jsonb not null,
      "diagnostics" jsonb not null,
      "parsed_at" timestamptz not null default now()
    );`);
  }
}
