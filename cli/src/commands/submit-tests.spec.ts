import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { mapSubmittedResults, parseLtp, type SubmittedResults } from '@kci-bridge/results';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeKcidb } from '../../../test/fakes/kcidb/fake-kcidb.js';
import { cleanScratch, cli, kcidbRest, scratchDir, startKcidb } from '../../test/harness.js';

const results = resolve(import.meta.dirname, '../../../libs/results/fixtures');
// The golden case shared with libs/results (submitted.golden.spec.ts): a real kselftest log.
const GOLDEN = join(results, 'submitted/kselftest-cgroup');
const KTAP_LOG = join(results, 'ktap/ok/lkp-tests_kselftests_cgroup-02.log');
const LTP_LOG = join(results, 'ltp/ok/runltp-table.log');

const golden = JSON.parse(readFileSync(`${GOLDEN}.json`, 'utf8')) as SubmittedResults;
const expectedTests = JSON.parse(readFileSync(`${GOLDEN}.expected.json`, 'utf8')) as Record<
  string,
  unknown
>[];

interface Report {
  version: { major: number; minor: number };
  tests: Array<Record<string, unknown> & { id: string; path: string; status: string }>;
}

/** The golden case's results, as `submit tests` options. */
function goldenArgs(): string[] {
  return [
    'submit',
    'tests',
    '--origin',
    'kci_bridge',
    '--build-id',
    golden.buildId,
    '--test-uid',
    golden.testUid,
    '--collection',
    'kselftest',
    '--name',
    'cgroup',
    '--ktap',
    KTAP_LOG,
    '--start-time',
    golden.receivedAt,
    '--device',
    golden.device ?? '',
    '--runtime',
    golden.runtime ?? '',
  ];
}

const sameId = { randomUUID: () => golden.submissionId };

async function dryRun(args: string[], options: Parameters<typeof cli>[1] = sameId) {
  const result = await cli([...args, '--dry-run'], options);
  return { ...result, report: JSON.parse(result.stdout || '{}') as Report };
}

let kcidb: FakeKcidb;
beforeAll(async () => {
  kcidb = await startKcidb();
});
afterAll(async () => {
  await kcidb.close();
  cleanScratch();
});
beforeEach(() => kcidb.reset());

describe('submit tests --ktap: the golden case shared with the result parser', () => {
  it('prints exactly the tests mapSubmittedResults gives (ids, paths, statuses, excerpts, misc)', async () => {
    const { code, report, stderr } = await dryRun(goldenArgs());
    expect(code).toBe(0);
    expect(report.version).toEqual({ major: 5, minor: 3 });
    expect(report.tests).toEqual(expectedTests);
    // The log's own oddities are told, never hidden.
    expect(stderr).toContain('planned results never reported (MISS)');
    expect(
      stderr
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('note: --ktap ')),
    ).toBe(true);
  });

  it('gives one test per case below the test, each with its own status, the test the worst', async () => {
    const { report } = await dryRun(goldenArgs());
    const [parent, ...cases] = report.tests;
    expect(parent).toMatchObject({ path: 'kselftest.cgroup', status: 'FAIL' });
    expect(cases).toHaveLength(14);
    expect(cases.every((t) => t.path.startsWith('kselftest.cgroup.'))).toBe(true);
    expect(Object.fromEntries(cases.map((t) => [t.path, t.status]))).toMatchObject({
      'kselftest.cgroup.cgroup.test_memcontrol': 'ERROR',
      'kselftest.cgroup.cgroup.test_memcontrol.test_memcg_min': 'FAIL',
      'kselftest.cgroup.cgroup.test_stress_sh.test_cgcore_internal_process_constraint': 'PASS',
      'kselftest.cgroup.cgroup.test_stress_sh.test_cgcore_no_internal_process_constraint_on_threads':
        'SKIP',
      'kselftest.cgroup.missing_2': 'MISS',
    });
  });

  it('keeps the ids and paths whatever the submission id, and --path equals --collection/--name', async () => {
    const { report: other } = await dryRun(goldenArgs(), {});
    const ids = (r: Report) => r.tests.map((t) => [t.id, t.path]);
    expect(ids(other)).toEqual(expectedTests.map((t) => [t['id'], t['path']]));
    const args = goldenArgs();
    args.splice(args.indexOf('--collection'), 4, '--path', 'kselftest.cgroup');
    const { report: byPath } = await dryRun(args);
    expect(byPath.tests).toEqual(expectedTests);
  });

  it('takes --status over the worst case, and converts --start-time to UTC', async () => {
    const args = goldenArgs();
    args.splice(args.indexOf('--start-time'), 2, '--start-time', '2026-01-15T12:00:00+02:00');
    const { report } = await dryRun([...args, '--status', 'pass']);
    expect(report.tests[0]).toMatchObject({ status: 'PASS', start_time: '2026-01-15T10:00:00Z' });
    expect(report.tests[1]?.status).toBe('ERROR');
  });

  it('submits the whole report once, with the Bearer token', async () => {
    const { code, stdout } = await cli(goldenArgs(), {
      ...sameId,
      env: { KCIDB_REST: kcidbRest(kcidb, 's3cret-env-token') },
    });
    expect(code).toBe(0);
    expect(kcidb.requests).toHaveLength(1);
    expect(kcidb.submissions).toHaveLength(1);
    expect(kcidb.requests[0]?.headers.authorization).toBe('Bearer s3cret-env-token');
    const sent = JSON.parse(kcidb.requests[0]?.body ?? '{}') as Report;
    expect(sent.tests).toEqual(expectedTests);
    expect(stdout).toContain(`build       ${golden.buildId}`);
    expect(stdout).toContain('report      15 tests');
    expect(stdout).toContain(`submission  ${kcidb.submissions[0]?.id ?? '?'}`);
  });
});

describe('submit tests from flags', () => {
  it('maps one test as the result parser maps the same submission, --misc added', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'boot.log'), 'Booting Linux\nlogin: root\n');
    const { code, report, stderr } = await dryRun(
      [
        ...['submit', 'tests', '--origin', 'myci', '--build-id', 'myci:b-1234'],
        ...['--test-uid', 'job-77', '--path', 'boot', '--status', 'pass', '--duration', '31.5'],
        ...['--log-path', 'boot.log', '--log-url', 'https://ci.example.org/77/boot.log'],
        ...['--device', 'rk3399-rock-pi-4b', '--runtime', 'lava-collabora'],
        ...['--misc', 'job_id=77', '--start-time', '2026-01-15T10:00:00Z'],
      ],
      { ...sameId, cwd: dir },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [expected] = mapSubmittedResults(
      {
        submissionId: golden.submissionId,
        receivedAt: '2026-01-15T10:00:00Z',
        testUid: 'job-77',
        buildId: 'myci:b-1234',
        device: 'rk3399-rock-pi-4b',
        runtime: 'lava-collabora',
        tests: [
          {
            test_name: 'boot',
            test_collection: '',
            result: 'PASS',
            logs: 'Booting Linux\nlogin: root\n',
            duration: 31.5,
            log_url: 'https://ci.example.org/77/boot.log',
          },
        ],
      },
      'myci',
    ).tests;
    expect(report.tests).toEqual([
      { ...expected, misc: { job_id: 77, ...(expected?.misc as object) } },
    ]);
    expect(report.tests[0]).toMatchObject({
      path: 'boot',
      status: 'PASS',
      duration: 31.5,
      environment: { misc: { platform: 'rk3399-rock-pi-4b' } },
    });
  });

  it('stamps the current time, in whole seconds of UTC, without --start-time', async () => {
    const { report } = await dryRun([
      ...['submit', 'tests', '--origin', 'myci', '--build-id', 'maestro:abc'],
      ...[
        '--test-uid',
        'u',
        '--collection',
        'ltp.syscalls',
        '--name',
        'open 01',
        '--status',
        'FAIL',
      ],
    ]);
    // The harness's clock.
    expect(report.tests[0]).toMatchObject({
      start_time: '2026-02-01T12:00:00Z',
      path: 'ltp.syscalls.open_01',
    });
  });

  it('expands an LTP log below an ltp collection', async () => {
    const { code, report } = await dryRun([
      ...['submit', 'tests', '--origin', 'myci', '--build-id', 'maestro:abc', '--test-uid', 'u'],
      ...['--collection', 'ltp', '--name', 'syscalls', '--ltp', LTP_LOG],
    ]);
    expect(code).toBe(0);
    const cases = parseLtp(readFileSync(LTP_LOG, 'utf8')).results;
    expect(report.tests.map((t) => [t.path, t.status])).toEqual([
      ['ltp.syscalls', 'FAIL'],
      ...cases.map((c) => [`ltp.syscalls.${c.path.join('.')}`, c.status]),
    ]);
  });
});

describe('submit tests: mistakes', () => {
  const base = ['submit', 'tests', '--origin', 'myci', '--build-id', 'maestro:abc'];

  it('names every missing required option in one usage error', async () => {
    const { code, stderr, stdout } = await cli(['submit', 'tests', '--dry-run']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: missing required options: --origin, --build-id, --test-uid, --path or --name, --status (or --ktap, --ltp)\n',
    );
  });

  it.each([
    [['--test-uid', 'u', '--path', 'a b', '--status', 'PASS'], /--path "a b" must be/],
    [['--test-uid', 'u', '--path', 'a', '--name', 'b', '--status', 'PASS'], /cannot be combined/],
    [['--test-uid', 'u', '--path', 'a', '--status', 'GOOD'], /--status "GOOD" is not a KCIDB/],
    [
      ['--test-uid', 'u', '--path', 'a', '--status', 'PASS', '--misc', 'test_uid=x'],
      /--misc test_uid/,
    ],
    [
      ['--test-uid', 'u', '--path', 'a', '--status', 'PASS', '--start-time', 'yesterday'],
      /--start-time/,
    ],
    [
      ['--test-uid', 'u', '--collection', 'kselftest', '--name', 'x', '--ltp', LTP_LOG],
      /--ltp: the services/,
    ],
    [['--test-uid', 'u', '--path', 'a', '--ktap', KTAP_LOG, '--ltp', LTP_LOG], /give one log/],
    [['--test-uid', 'u', '--path', 'a', '--ktap', 'nope.log'], /--ktap nope.log: no such file/],
    [
      [
        '--test-uid',
        'u',
        '--path',
        'a',
        '--status',
        'PASS',
        '--via',
        'https://b',
        '--kcidb-rest',
        'https://k',
      ],
      /--via/,
    ],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr, stdout } = await cli([...base, ...args, '--dry-run']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('refuses a build id that is not a KCIDB id', async () => {
    const { code, stderr } = await cli([
      ...['submit', 'tests', '--origin', 'myci', '--build-id', '681b69099ae9711e9ed49766'],
      ...['--test-uid', 'u', '--path', 'boot', '--status', 'PASS', '--dry-run'],
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--build-id "681b69099ae9711e9ed49766" is not a KCIDB build id/);
  });

  it('exits 1 on a --ktap log without a case and without --status; with --status, sends the test alone', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'empty.log'), 'nothing to see here\n');
    const args = [...base, '--test-uid', 'u', '--path', 'kselftest.x', '--ktap', 'empty.log'];
    const none = await cli([...args, '--dry-run'], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--ktap empty.log: no test case found.*give --status/);
    const alone = await dryRun([...args, '--status', 'ERROR'], { cwd: dir });
    expect(alone.code).toBe(0);
    expect(alone.report.tests.map((t) => [t.path, t.status])).toEqual([['kselftest.x', 'ERROR']]);
  });

  it('exits 1 when the services would not expand the log (no TAP version line)', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'bare.log'), 'ok 1 first\nnot ok 2 second\n');
    const { code, stderr, stdout } = await cli(
      [...base, '--test-uid', 'u', '--path', 'kselftest.x', '--ktap', 'bare.log', '--dry-run'],
      { cwd: dir },
    );
    expect(stdout).toBe('');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: --ktap bare.log: the 2 cases found would not be expanded by the services: a KTAP log needs its "KTAP version N" or "TAP version N" line\n',
    );
  });
});
