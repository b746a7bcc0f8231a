import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';
import { ParsedSubmission } from './parsed-submission.entity.js';

@Injectable()
export class ParsedSubmissionRepository {
  constructor(private readonly db: Database) {}

  /** Stores the record unless it already exists (a redelivered event changes nothing). */
  async saveOnce(record: Omit<ParsedSubmission, 'parsedAt'>): Promise<void> {
    await this.db.execute(
      `insert into parsed_submissions (submission_id, build_id, test_count, object_ids, diagnostics)
       values (?, ?, ?, ?::jsonb, ?::jsonb) on conflict (submission_id) do nothing`,
      [
        record.submissionId,
        record.buildId,
        record.testCount,
        JSON.stringify(record.objectIds),
        JSON.stringify(record.diagnostics),
      ],
    );
  }

  async find(submissionId: string): Promise<ParsedSubmission | null> {
    return this.db.em().findOne(ParsedSubmission, { submissionId });
  }
}
