/**
 * Golden test of `mapSubmittedResults`, shared with the CLI: each `fixtures/submitted/<case>.json`
 * is a submission as the gateway builds it from `POST /api/v1/tests/submit`, and
 * `<case>.expected.json` the KCIDB tests the result parser makes of it. The CLI's
 * `submit tests --ktap` spec (cli/src/commands/submit-tests.spec.ts) checks that the same
 * results given on its command line print these very tests. Ids and paths are released
 * values: KCIDB keeps the first it receives. After a deliberate change, regenerate with
 * `npx vitest run --project unit libs/results/src/submitted.golden.spec.ts -u` and review.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseKtap } from './ktap.js';
import { mapSubmittedResults, type SubmittedResults } from './submitted.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const DIR = join(FIXTURES, 'submitted');

/** The result parser's default origin (KCI_KCIDB_ORIGIN). */
const GOLDEN_ORIGIN = 'kci_bridge';

/** Each case's log is a parser fixture, byte for byte, so both goldens stay about real logs. */
const LOG_SOURCES: Record<string, string> = {
  'kselftest-cgroup': 'ktap/ok/lkp-tests_kselftests_cgroup-02.log',
};

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .sort()
  .map((f) => f.replace(/\.json$/, ''));

const read = (name: string): SubmittedResults =>
  JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as SubmittedResults;

describe('mapSubmittedResults golden fixtures', () => {
  it('has a case for every log source, and a source for every case', () => {
    expect(cases).toEqual(Object.keys(LOG_SOURCES).sort());
  });

  it.each(cases)('%s: its log is the parser fixture it names', (name) => {
    const source = LOG_SOURCES[name] ?? '';
    expect(read(name).tests[0]?.logs).toBe(readFileSync(join(FIXTURES, source), 'utf8'));
  });

  it.each(cases)('%s maps to <case>.expected.json', async (name) => {
    const { tests } = mapSubmittedResults(read(name), GOLDEN_ORIGIN);
    await expect(`${JSON.stringify(tests, null, 2)}\n`).toMatchFileSnapshot(
      join(DIR, `${name}.expected.json`),
    );
  });

  it.each(cases)('%s: the test, then one test per KTAP case with its status', (name) => {
    const submission = read(name);
    const [submitted] = submission.tests;
    if (!submitted?.logs) throw new Error(`${name} has no log`);
    const { tests } = mapSubmittedResults(submission, GOLDEN_ORIGIN);
    const parent = `${submitted.test_collection}.${submitted.test_name}`;
    const parsed = parseKtap(submitted.logs).results;
    expect(tests.map((t) => [t.path, t.status])).toEqual([
      [parent, submitted.result],
      ...parsed.map((c) => [`${parent}.${c.path.join('.')}`, c.status]),
    ]);
    for (const t of tests) {
      const seed = `${submission.buildId}|${t.path}|${submission.testUid}`;
      expect(t.id).toBe(`${GOLDEN_ORIGIN}:t-${createHash('sha256').update(seed).digest('hex')}`);
      expect(t).toMatchObject({
        origin: GOLDEN_ORIGIN,
        build_id: submission.buildId,
        start_time: submission.receivedAt,
      });
    }
  });
});
