import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** What the parser made of one submission: kept for queries and re-parse. */
@Entity({ tableName: 'parsed_submissions' })
export class ParsedSubmission {
  @PrimaryKey({ type: 'text' })
  submissionId!: string;

  @Property({ type: 'text' })
  buildId!: string;

  @Property({ type: 'integer' })
  testCount!: number;

  @Property({ type: 'json' })
  objectIds!: string[];

  @Property({ type: 'json' })
  diagnostics!: string[];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  parsedAt: Date = new Date();
}
