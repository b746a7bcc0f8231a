import { Database } from '@kci-bridge/service-kit';
import { Injectable } from '@nestjs/common';
import { ParsedSubmission } from './parsed-submission.entity.js';

@Injectable()
export class ParsedSubmissionRepository {
  constructor(private readonly db: Database) {}

  /** Stores the records not yet there, in one statement (a redelivered event changes nothing). */
  async saveOnce(records: readonly Omit<ParsedSubmission, 'parsedAt'>[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.query(
      `insert into parsed_submissions (submission_id, build_id, test_count, object_ids, diagnostics)
       select x.submission_id, x.build_id, x.test_count, x.object_ids, x.diagnostics
       from jsonb_to_recordset(?::jsonb) as x(
         submission_id text, build_id text, test_count integer, object_ids jsonb, diagnostics jsonb)
       on conflict (submission_id) do nothing`,
      [
        JSON.stringify(
          records.map((r) => ({
            submission_id: r.submissionId,
            build_id: r.buildId,
            test_count: r.testCount,
            object_ids: r.objectIds,
            diagnostics: r.diagnostics,
          })),
        ),
      ],
    );
  }

  async find(submissionId: string): Promise<ParsedSubmission | null> {
    return this.db.em().findOne(ParsedSubmission, { submissionId });
  }
}
