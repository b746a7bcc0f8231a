import type { SubmittedResults } from './submitted.js';
import { describe, expect, it } from 'vitest';
import { mapSubmittedResults, partsOf } from './submitted.js';

const submission: SubmittedResults = {
  submissionId: '00000000-0000-4000-8000-000000000001',
  receivedAt: '2026-11-23T10:00:00Z',
  testUid: '2wgX3BsGkUZMVs4JW6oMEoE2Qry',
  buildId: 'maestro:681b69099ae9711e9ed49766',
  device: 'qemu-riscv64',
  runtime: 'GitHub Actions',
  tests: [
    { test_name: 'ltp-smoke', test_collection: 'ltp', result: 'PASS', logs: 'all good\n' },
    { test_name: 'posix timers / nanosleep', test_collection: 'kselftest.timers', result: 'FAIL' },
    {
      test_name: 'boot',
      test_collection: 'boot',
      result: 'ERROR',
      start_time: '2026-11-23T09:00:00+00:00',
      duration: 12.5,
    },
  ],
};

describe('mapSubmittedResults', () => {
  // Golden: KCIDB keeps the first value it receives, so these ids and paths never change.
  it('derives the released ids and paths', () => {
    const { tests, diagnostics } = mapSubmittedResults(submission, 'kci_bridge');
    expect(diagnostics).toEqual([]);
    expect(tests.map((t) => [t.path, t.id])).toEqual([
      // sha256("<build_id>|<path>|<test_uid>"), checked with sha256sum
      [
        'ltp.ltp-smoke',
        'kci_bridge:t-49f6aa9b080661054de24501f9194e5d377fb91370c606478f60413d8dad9dfd',
      ],
      [
        'kselftest.timers.posix_timers_nanosleep',
        'kci_bridge:t-431ab1da0e9bd52a1bca05387d7989be25322c9039a3ce80c9ab8794f4d04e2c',
      ],
      [
        'boot.boot',
        'kci_bridge:t-e5bd214a8a86265a137c21b393102b1b965ec204c6c2196ada98b29ce7e1e59b',
      ],
    ]);
  });

  it('fills what KCIDB needs: origin, parent build, status, start time, excerpt, device and runtime', () => {
    const [ltp, , boot] = mapSubmittedResults(submission, 'kci_bridge').tests;
    expect(ltp).toEqual({
      id: expect.stringMatching(/^kci_bridge:t-[0-9a-f]{64}$/),
      origin: 'kci_bridge',
      build_id: 'maestro:681b69099ae9711e9ed49766',
      path: 'ltp.ltp-smoke',
      status: 'PASS',
      start_time: '2026-11-23T10:00:00Z',
      log_excerpt: 'all good\n',
      environment: { misc: { platform: 'qemu-riscv64' } },
      misc: {
        test_uid: '2wgX3BsGkUZMVs4JW6oMEoE2Qry',
        submission_id: '00000000-0000-4000-8000-000000000001',
        device: 'qemu-riscv64',
        runtime: 'GitHub Actions',
      },
    });
    expect(boot).toMatchObject({
      status: 'ERROR',
      start_time: '2026-11-23T09:00:00+00:00',
      duration: 12.5,
    });
    expect(boot).not.toHaveProperty('log_excerpt');
  });

  it('keeps the last 16384 characters of a long log, without NUL', () => {
    const logs = `${'x'.repeat(20_000)}\u0000END`;
    const [t] = mapSubmittedResults(
      { ...submission, tests: [{ test_name: 'a', test_collection: 'c', result: 'FAIL', logs }] },
      'o',
    ).tests;
    expect(t?.log_excerpt).toHaveLength(16_384);
    expect(t?.log_excerpt?.endsWith('xEND')).toBe(true);
  });

  it('keeps the first of two results with the same path and says so', () => {
    const { tests, diagnostics } = mapSubmittedResults(
      {
        ...submission,
        tests: [
          { test_name: 'a b', test_collection: 'ltp', result: 'PASS' },
          { test_name: 'a/b', test_collection: 'ltp', result: 'FAIL' },
        ],
      },
      'o',
    );
    expect(tests.map((t) => t.status)).toEqual(['PASS']);
    expect(diagnostics).toEqual([
      'tests[1]: ltp.a_b repeats an earlier test of this submission; the first one is kept',
    ]);
  });

  it('never passes an unknown status through', () => {
    const { tests, diagnostics } = mapSubmittedResults(
      {
        ...submission,
        tests: [{ test_name: 'a', test_collection: 'c', result: 'PASSED' }],
      },
      'o',
    );
    expect(tests).toEqual([]);
    expect(diagnostics[0]).toMatch(/"PASSED" is not a KCIDB status/);
  });
});

describe('partsOf', () => {
  it('splits objects so each part stays under the byte bound and none is lost', () => {
    const many = mapSubmittedResults(
      {
        ...submission,
        tests: Array.from({ length: 300 }, (_, i) => ({
          test_name: `t${i}`,
          test_collection: 'c',
          result: 'PASS' as const,
          logs: 'y'.repeat(1000),
        })),
      },
      'o',
    ).tests;
    const parts = partsOf(many, 64 * 1024);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts)
      expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThanOrEqual(64 * 1024);
    expect(parts.flatMap((p) => p.tests ?? []).map((t) => t.id)).toEqual(many.map((t) => t.id));
  });
});

describe('structured logs in a submission', () => {
  it('turns KTAP output in logs into one test per case below the submitted test', () => {
    const logs = [
      'TAP version 13',
      '1..3',
      '# selftests: timers: posix_timers',
      'ok 1 selftests: timers: posix_timers',
      '# selftests: timers: nanosleep',
      'not ok 2 selftests: timers: nanosleep # exit=1',
      'ok 3 selftests: timers: rtcpie # SKIP no RTC',
    ].join('\n');
    const { tests } = mapSubmittedResults(
      {
        ...submission,
        tests: [{ test_name: 'timers', test_collection: 'kselftest', result: 'FAIL', logs }],
      },
      'o',
    );
    expect(tests.map((t) => [t.path, t.status])).toEqual([
      ['kselftest.timers', 'FAIL'],
      ['kselftest.timers.timers.posix_timers', 'PASS'],
      ['kselftest.timers.timers.nanosleep', 'FAIL'],
      ['kselftest.timers.timers.rtcpie', 'SKIP'],
    ]);
  });

  it('turns LTP output into one test per LTP test for an ltp collection', () => {
    const logs = [
      '<<<test_start>>>',
      'tag=access01 stime=1700000000',
      '<<<test_output>>>',
      'access01.c:10: TPASS: ok',
      '<<<execution_status>>>',
      'duration=0 termination_type=exited termination_id=0 corefile=no',
      '<<<test_end>>>',
      '<<<test_start>>>',
      'tag=chdir01 stime=1700000001',
      '<<<test_output>>>',
      'chdir01.c:20: TFAIL: nope',
      '<<<execution_status>>>',
      'duration=0 termination_type=exited termination_id=1 corefile=no',
      '<<<test_end>>>',
    ].join('\n');
    const { tests } = mapSubmittedResults(
      {
        ...submission,
        tests: [{ test_name: 'syscalls', test_collection: 'ltp', result: 'FAIL', logs }],
      },
      'o',
    );
    expect(tests.map((t) => [t.path, t.status])).toEqual([
      ['ltp.syscalls', 'FAIL'],
      ['ltp.syscalls.access01', 'PASS'],
      ['ltp.syscalls.chdir01', 'FAIL'],
    ]);
    expect(tests[2]?.log_excerpt).toContain('TFAIL: nope');
  });

  it('keeps plain logs as an excerpt only', () => {
    const { tests } = mapSubmittedResults(
      {
        ...submission,
        tests: [{ test_name: 'a', test_collection: 'ltp', result: 'PASS', logs: 'hello\nworld' }],
      },
      'o',
    );
    expect(tests).toHaveLength(1);
  });
});
