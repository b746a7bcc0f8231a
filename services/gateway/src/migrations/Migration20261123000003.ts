import { Migration } from '@mikro-orm/migrations';

/** API tokens, stored only as SHA-256 hashes. Forward-only. */
export class Migration20261123000003 extends Migration {
  override up(): void {
    this.addSql(`create table "api_tokens" (
      "id" uuid not null primary key,
      "name" text not null,
      "hash" text not null unique,
      "prefix" text not null,
      "origins" jsonb not null,
      "scopes" jsonb not null,
      "created_at" timestamptz not null default now(),
      "revoked_at" timestamptz null,
      "last_used_at" timestamptz null
    );`);
    this.addSql(
      `create unique index "api_tokens_live_name_unique" on "api_tokens" ("name") where "revoked_at" is null;`,
    );
  }
}
