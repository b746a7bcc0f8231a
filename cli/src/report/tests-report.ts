/**
 * The report `submit tests` sends. The tests are made by `mapSubmittedResults`, the very
 * function kci-bridge's result parser runs on `POST /api/v1/tests/submit`: the CLI builds the
 * same `SubmittedResults` the gateway would have built from the same results, so the ids,
 * paths and statuses (and a log's cases below the test) are the services', character for
 * character.
 */
import { buildReport, type KcidbReport, type KcidbStatus, type KcidbTest } from '@kci-bridge/kcidb';
import { mapSubmittedResults, type SubmittedResults } from '@kci-bridge/results';

/** Everything `submit tests` knows once its options are checked and its log is read. */
export interface TestsInputs {
  origin: string;
  buildId: string;
  testUid: string;
  /** `--collection`, or `--path` up to its last dot ('' for a one-segment path). */
  collection: string;
  /** `--name`, or `--path` after its last dot. */
  name: string;
  status: KcidbStatus;
  /** The start time of the tests, ISO 8601 in UTC (`...Z`). */
  receivedAt: string;
  submissionId: string;
  duration?: number;
  logUrl?: string;
  /** The log's text (`--ktap`, `--ltp` or `--log-path`). */
  logs?: string;
  device?: string;
  runtime?: string;
  misc?: Record<string, unknown>;
}

/** Keys `mapSubmittedResults` sets in every test's misc; `--misc` may not set them. */
export const RESERVED_MISC_KEYS = [
  'test_uid',
  'submission_id',
  'device',
  'runtime',
  'runner_status',
] as const;

/** The report and what went into it. */
export interface TestsSubmission {
  submitted: SubmittedResults;
  report: KcidbReport;
  tests: KcidbTest[];
  diagnostics: string[];
}

/** What the gateway would have received for these results (`POST /api/v1/tests/submit`). */
export function submittedResults(inputs: TestsInputs): SubmittedResults {
  return {
    submissionId: inputs.submissionId,
    receivedAt: inputs.receivedAt,
    testUid: inputs.testUid,
    buildId: inputs.buildId,
    ...(inputs.device !== undefined ? { device: inputs.device } : {}),
    ...(inputs.runtime !== undefined ? { runtime: inputs.runtime } : {}),
    tests: [
      {
        test_name: inputs.name,
        test_collection: inputs.collection,
        result: inputs.status,
        ...(inputs.logs !== undefined ? { logs: inputs.logs } : {}),
        ...(inputs.duration !== undefined ? { duration: inputs.duration } : {}),
        ...(inputs.logUrl !== undefined ? { log_url: inputs.logUrl } : {}),
      },
    ],
  };
}

/** The tests, as the result parser maps them, plus `--misc` in every test's misc. */
export function testsSubmission(inputs: TestsInputs): TestsSubmission {
  const submitted = submittedResults(inputs);
  const { tests, diagnostics } = mapSubmittedResults(submitted, inputs.origin);
  const extra = inputs.misc ?? {};
  if (Object.keys(extra).length > 0) {
    for (const test of tests) test.misc = { ...extra, ...test.misc };
  }
  return { submitted, report: buildReport({ tests }), tests, diagnostics };
}

/** `--start-time` (any RFC 3339 offset) in UTC, as the gateway writes receivedAt. */
export function isoUtc(time: string | Date): string {
  return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}
