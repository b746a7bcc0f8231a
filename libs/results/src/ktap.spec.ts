import { readFileSync } from 'node:fs';
import type { KcidbStatus } from '@kci-bridge/kcidb';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseKtap } from './ktap.js';
import type { NormalisedResult } from './types.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/ktap/ok/${name}`, import.meta.url), 'utf8');

/** `path → status` of every result, for compact expectations. */
const statuses = (results: NormalisedResult[]): Record<string, KcidbStatus> =>
  Object.fromEntries(results.map((r) => [r.path.join('.'), r.status]));

const byPath = (results: NormalisedResult[], path: string): NormalisedResult | undefined =>
  results.find((r) => r.path.join('.') === path);

describe('parseKtap', () => {
  it('reads a flat KTAP document with every directive', () => {
    const { results, diagnostics } = parseKtap(
      [
        'KTAP version 1',
        '1..7',
        'ok 1 plain',
        'not ok 2 broken',
        'ok 3 skipped # SKIP no hardware',
        'not ok 4 slow # TIMEOUT 30 seconds',
        'not ok 5 bad # error setup failed',
        'ok 6 expected # XFAIL known bug',
        'not ok 7 - later # TODO not implemented',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(statuses(results)).toEqual({
      plain: 'PASS',
      broken: 'FAIL',
      skipped: 'SKIP',
      slow: 'ERROR',
      bad: 'ERROR',
      expected: 'PASS',
      later: 'SKIP',
    });
    expect(results.map((r) => r.rawStatus)).toEqual([
      'ok',
      'not ok',
      'ok # SKIP',
      'not ok # TIMEOUT',
      'not ok # ERROR',
      'ok # XFAIL',
      'not ok # TODO',
    ]);
  });

  it('treats `# exit=N` as a comment, not a directive', () => {
    const [result] = parseKtap('not ok 1 selftests: timers: posix_timers # exit=1').results;
    expect(result).toMatchObject({
      path: ['timers', 'posix_timers'],
      status: 'FAIL',
      rawStatus: 'not ok',
    });
  });

  it('nests by indentation: children sit below the parent result that follows them', () => {
    const { results } = parseKtap(
      [
        'KTAP version 1',
        '1..1',
        '  KTAP version 1',
        '  1..2',
        '  ok 1 a',
        '  not ok 2 b',
        'not ok 1 suite',
      ].join('\n'),
    );
    expect(statuses(results)).toEqual({ suite: 'FAIL', 'suite.a': 'PASS', 'suite.b': 'FAIL' });
    expect(results[0]?.path).toEqual(['suite']);
  });

  it('nests kselftest output behind `# `, and strips `selftests:` into path segments', () => {
    const { results } = parseKtap(fixture('lkp-tests_kselftests_timers-02.log'));
    expect(byPath(results, 'timers.posix_timers')?.status).toBe('FAIL');
    expect(byPath(results, 'timers.posix_timers.check_sig_ign_SIGEV_SIGNAL')?.status).toBe('FAIL');
    expect(byPath(results, 'timers.nsleep-lat.CLOCK_MONOTONIC_RAW')?.status).toBe('SKIP');
  });

  it('attaches the diagnostic lines just before a result, and the result line itself', () => {
    const { results } = parseKtap(
      [
        'TAP version 13',
        '1..2',
        '# setting up',
        'random console noise',
        '# Expected 1 == 2',
        'not ok 1 t1',
        'ok 2 t2',
      ].join('\n'),
    );
    expect(byPath(results, 't1')?.logLines).toEqual([
      '# setting up',
      '# Expected 1 == 2',
      'not ok 1 t1',
    ]);
    expect(byPath(results, 't2')?.logLines).toEqual(['ok 2 t2']);
  });

  it('reports every planned but missing number as MISS `missing_<n>`', () => {
    const { results, diagnostics } = parseKtap('KTAP version 1\n1..4\nok 2 two\n');
    expect(statuses(results)).toEqual({
      two: 'PASS',
      missing_1: 'MISS',
      missing_3: 'MISS',
      missing_4: 'MISS',
    });
    expect(results.find((r) => r.status === 'MISS')?.rawStatus).toBe('missing');
    expect(diagnostics).toEqual(['plan 1..4: 3 planned results never reported (MISS)']);
  });

  it('sanitises names and numbers the duplicates', () => {
    const { results } = parseKtap('ok 1 a b/c\nok 2 a b/c\nok 3 ..\nok 4 # SKIP needs two words');
    expect(results.map((r) => r.path.join('.'))).toEqual([
      'a_b_c',
      'a_b_c_dup2',
      'test_3',
      'test_4',
    ]);
  });

  it('names an empty description after a one-word directive reason, as kselftest writes skips', () => {
    const { results } = parseKtap(
      'ok 4 # SKIP test_cgcore_no_internal_process_constraint_on_threads',
    );
    expect(results[0]?.path).toEqual(['test_cgcore_no_internal_process_constraint_on_threads']);
  });

  it('de-duplicates repeated identical result lines (LKP cgroup sample)', () => {
    const { results } = parseKtap(fixture('lkp-tests_kselftests_cgroup-02.log'));
    expect(
      results.filter((r) => r.path.join('.').startsWith('cgroup.test_memcontrol.test_memcg_min')),
    ).toHaveLength(1);
  });

  it('gives subtests whose parent never reported an ERROR parent (output cut short)', () => {
    const { results, diagnostics } = parseKtap(
      [
        'TAP version 13',
        '1..1',
        '# selftests: timers: posix_timers',
        '# ok 1 a',
        '# not ok 2 b',
      ].join('\n'),
    );
    expect(statuses(results)).toEqual({
      'timers.posix_timers': 'ERROR',
      'timers.posix_timers.a': 'PASS',
      'timers.posix_timers.b': 'FAIL',
    });
    expect(byPath(results, 'timers.posix_timers')?.rawStatus).toBe('incomplete');
    expect(diagnostics[0]).toMatch(/no result line for timers\.posix_timers/);
  });

  it('uses a `# Subtest:` name for a parent result without a description', () => {
    const { results } = parseKtap(
      'TAP version 14\n1..1\n    # Subtest: suite\n    1..1\n    ok 1 case\nok 1\n',
    );
    expect(statuses(results)).toEqual({ suite: 'PASS', 'suite.case': 'PASS' });
  });

  it('starts a new plan when a second document begins at the same level', () => {
    const { results } = parseKtap('KTAP version 1\n1..1\nok 1 a\nKTAP version 1\n1..2\nok 1 b\n');
    expect(statuses(results)).toEqual({ a: 'PASS', b: 'PASS', missing_2: 'MISS' });
  });

  it('reads dmesg timestamps, CRLF line ends and tab indentation', () => {
    const { results } = parseKtap(
      '[    1.000000] KTAP version 1\r\n[    1.000001] 1..1\r\n\t ok 1 x\r\n[    1.2] ok 1 s\r\n',
    );
    expect(statuses(results)).toEqual({ s: 'PASS', 's.x': 'PASS' });
  });

  it('ignores a byte-order mark at the start', () => {
    expect(statuses(parseKtap('\uFEFFTAP version 13\n1..1\nok 1 a\n').results)).toEqual({
      a: 'PASS',
    });
  });

  it('returns diagnostics, not an exception, for input without TAP', () => {
    expect(parseKtap('')).toEqual({ results: [], diagnostics: ['no KTAP/TAP lines found'] });
    expect(parseKtap(42 as unknown as string).diagnostics).toEqual(['input is not text']);
  });
});

/**
 * Cross-check against lkp-tests' own expected parses of the same logs. The keys agree except
 * where our mapping deliberately differs:
 *  - `# TIMEOUT` is ERROR for us (no verdict), `fail` for LKP;
 *  - `.` cannot be inside a KCIDB path segment: LKP's `test_stress.sh` is our `test_stress_sh`;
 *  - LKP adds a synthetic `make.pass`, and does not list planned-but-missing tests (our MISS).
 */
describe('parseKtap agrees with lkp-tests expectations', () => {
  const WORD: Partial<Record<KcidbStatus, string>> = {
    PASS: 'pass',
    FAIL: 'fail',
    SKIP: 'skip',
    ERROR: 'error',
  };

  it.each<[string, Record<string, string>, Record<string, string>]>([
    [
      'lkp-tests_kselftests_cgroup-02',
      { 'test_stress.sh': 'test_stress_sh' },
      { 'cgroup.test_memcontrol': 'error' },
    ],
    ['lkp-tests_kselftests_timers-02', {}, {}],
    ['lkp-tests_kunit_2', {}, {}],
    ['lkp-tests_kunit_3', {}, {}],
  ])('%s', (name, renames, deliberate) => {
    const lkp = parseYaml(fixture(`${name}.expected.yaml`)) as Record<string, number>;
    const expected: Record<string, string> = {};
    for (const key of Object.keys(lkp)) {
      let renamed = key;
      for (const [from, to] of Object.entries(renames)) renamed = renamed.replace(from, to);
      const dot = renamed.lastIndexOf('.');
      const path = renamed.slice(0, dot);
      if (path === 'make' || path.endsWith('.make')) continue;
      expected[path] = deliberate[path] ?? renamed.slice(dot + 1);
    }
    const ours = Object.fromEntries(
      parseKtap(fixture(`${name}.log`))
        .results.filter((r) => r.status !== 'MISS')
        .map((r) => [r.path.join('.'), WORD[r.status] ?? r.status]),
    );
    expect(ours).toEqual(expected);
  });
});
