import { Migration } from '@mikro-orm/migrations';

/**
 * The gateway's schema. Idempotency keys come with the run endpoints and API tokens with
 * authentication; this first migration only records the schema's creation.
 * Policy: migrations only move forward; `down` stays empty.
 */
export class Migration20261123000001 extends Migration {
  override up(): void {
    this.addSql(
      `create table if not exists "schema_info" ("key" text primary key, "value" text not null);`,
    );
    this.addSql(
      `insert into "schema_info" ("key", "value") values ('created_by', 'gateway') on conflict do nothing;`,
    );
  }
}
