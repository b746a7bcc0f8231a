import { Migration } from '@mikro-orm/migrations';

/**
 * When each submission brought its objects, so the status page can list the newest submissions
 * (`submissions.recent`) by walking an index instead of grouping the whole table. Rows from
 * before take their object's creation time. Forward-only.
 */
export class Migration20261123230000 extends Migration {
  override up(): void {
    this.addSql(`alter table "submission_objects" add column "created_at" timestamptz null;`);
    this.addSql(`update "submission_objects" s set "created_at" = o."created_at"
      from "outbox_objects" o where o."id" = s."object_id";`);
    this.addSql(`update "submission_objects" set "created_at" = now() where "created_at" is null;`);
    this.addSql(`alter table "submission_objects" alter column "created_at" set default now(),
      alter column "created_at" set not null;`);
    this.addSql(
      `create index "submission_objects_created_idx" on "submission_objects" ("created_at");`,
    );
  }
}
