import type { KcidbObjects, KcidbTest } from '@kci-bridge/kcidb';
import { logExcerpt, packReports, parseStatus, testId, testPath } from '@kci-bridge/kcidb';
import { excerptFor } from './excerpt.js';
import { parseKtap } from './ktap.js';
import { parseLtp } from './ltp.js';
import type { ParseOutcome } from './types.js';

/** Test results as a CI submits them (the gateway's `POST /api/v1/tests/submit`, the CLI's `submit tests`). */
export interface SubmittedResults {
  submissionId: string;
  /** When the bridge (or the CLI) received them; the start time of tests that give none. */
  receivedAt: string;
  testUid: string;
  buildId: string;
  device?: string;
  runtime?: string;
  tests: Array<{
    test_name: string;
    test_collection: string;
    result: string;
    logs?: string;
    start_time?: string;
    duration?: number;
    log_url?: string;
  }>;
}

/**
 * Logs that hold structured results (KTAP/kselftest, LTP) give one KCIDB test per case, below
 * the submitted test's path; other logs are only an excerpt.
 */
function casesIn(collection: string, logs: string): ParseOutcome | undefined {
  if (/^\s*(#\s*)?(K?TAP version \d+)/m.test(logs)) {
    const ktap = parseKtap(logs);
    if (ktap.results.length > 0) return ktap;
  }
  if (collection === 'ltp' || collection.startsWith('ltp.')) {
    const ltp = parseLtp(logs);
    if (ltp.results.length > 0) return ltp;
  }
  return undefined;
}

export interface MappedSubmission {
  tests: KcidbTest[];
  diagnostics: string[];
}

/**
 * Turns a submission into KCIDB test objects under the bridge's origin. The id and path
 * formulas are golden-tested: KCIDB keeps the first value it receives, so they never change.
 */
export function mapSubmittedResults(
  submission: SubmittedResults,
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
    if (t.logs !== undefined) {
      const cases = casesIn(t.test_collection, t.logs);
      for (const d of cases?.diagnostics ?? []) diagnostics.push(`tests[${i}] log: ${d}`);
      for (const c of cases?.results ?? []) {
        const childPath = `${path}.${c.path.join('.')}`;
        const childId = testId({
          origin,
          buildId: submission.buildId,
          path: childPath,
          testUid: submission.testUid,
        });
        if (seen.has(childId)) continue;
        seen.add(childId);
        const child: KcidbTest = {
          id: childId,
          origin,
          build_id: submission.buildId,
          path: childPath,
          status: c.status,
          start_time: test.start_time ?? submission.receivedAt,
          misc: { ...misc, runner_status: c.rawStatus },
        };
        if (test.environment) child.environment = test.environment;
        if (test.log_url !== undefined) child.log_url = test.log_url;
        if (c.logLines && c.logLines.length > 0) child.log_excerpt = excerptFor(c.logLines);
        if (c.durationSeconds !== undefined) child.duration = c.durationSeconds;
        tests.push(child);
      }
    }
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
