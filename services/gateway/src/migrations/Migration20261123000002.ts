import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys of run requests: a repeated request returns the run the first one made. Forward-only. */
export class Migration20261123000002 extends Migration {
  override up(): void {
    this.addSql(`create table "idempotency_keys" (
      "key" text not null primary key,
      "run_id" uuid not null,
      "request_hash" text not null,
      "published" boolean not null default false,
      "created_at" timestamptz not null default now()
    );`);
  }
}
