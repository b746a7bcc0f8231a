import type { KcidbObjects, ResultsSubmittedV1 } from '@kci-bridge/contracts';
import type { KcidbTest } from '@kci-bridge/kcidb';
import { logExcerpt, packReports, parseStatus, testId, testPath } from '@kci-bridge/kcidb';

export interface MappedSubmission {
  tests: KcidbTest[];
  diagnostics: string[];
}

/**
 * Turns a submission into KCIDB test objects under the bridge's origin. The id and path
 * formulas are golden-tested: KCIDB keeps the first value it receives, so they never change.
 */
export function mapSubmittedResults(
  submission: ResultsSubmittedV1,
  origin: string,
): MappedSubmission {
  const diagnostics: string[] = [];
  const seen = new Set<string>();
  const tests: KcidbTest[] = [];
  submission.tests.forEach((t, i) => {
    const status = parseStatus(t.result);
    if (status === undefined) {
      diagnostics.push(
        `tests[${i}]: result ${JSON.stringify(t.result)} is not a KCIDB status; test left out`,
      );
      return;
    }
    const path = testPath(t.test_collection, t.test_name);
    const id = testId({ origin, buildId: submission.buildId, path, testUid: submission.testUid });
    if (seen.has(id)) {
      diagnostics.push(
        `tests[${i}]: ${path} repeats an earlier test of this submission; the first one is kept`,
      );
      return;
    }
    seen.add(id);
    const misc: Record<string, unknown> = {
      test_uid: submission.testUid,
      submission_id: submission.submissionId,
    };
    if (submission.device !== undefined) misc['device'] = submission.device;
    if (submission.runtime !== undefined) misc['runtime'] = submission.runtime;
    const test: KcidbTest = {
      id,
      origin,
      build_id: submission.buildId,
      path,
      status,
      start_time: t.start_time ?? submission.receivedAt,
      misc,
    };
    if (submission.device !== undefined)
      test.environment = { misc: { platform: submission.device } };
    if (t.duration !== undefined) test.duration = t.duration;
    if (t.log_url !== undefined) test.log_url = t.log_url;
    if (t.logs !== undefined && t.logs !== '') {
      const excerpt = logExcerpt(t.logs);
      if (excerpt !== '') test.log_excerpt = excerpt;
    }
    tests.push(test);
  });
  return { tests, diagnostics };
}

/** Splits objects into parts that each fit in one message. */
export function partsOf(tests: KcidbTest[], maxBytes: number): KcidbObjects[] {
  if (tests.length === 0) return [];
  return packReports(
    tests.map((object) => ({ kind: 'tests' as const, object })),
    { maxObjects: 10_000, maxBytes },
  );
}
