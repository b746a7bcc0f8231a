import { readFileSync } from 'node:fs';
import type { KcidbStatus } from '@kci-bridge/kcidb';
import { describe, expect, it } from 'vitest';
import { parseTuxsuiteResults } from './tuxsuite.js';
import type { NormalisedResult } from './types.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/tuxsuite/ok/${name}`, import.meta.url), 'utf8'));

const statuses = (results: NormalisedResult[]): Record<string, KcidbStatus> =>
  Object.fromEntries(results.map((r) => [r.path.join('.'), r.status]));

const lava = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  validate: { result: 'pass' },
  'login-action': { result: 'pass', duration: '5.42' },
  'kernel-messages': { result: 'fail' },
  job: { result: 'pass' },
  ...extra,
});

describe('parseTuxsuiteResults', () => {
  it('turns the lava suite into one boot result and no per-step results', () => {
    const { results } = parseTuxsuiteResults({ lava: lava() });
    expect(results).toEqual([
      { path: ['boot'], status: 'PASS', rawStatus: 'pass', durationSeconds: 5.42 },
    ]);
  });

  it('takes boot from auto-login-action too, passing if any login step passed', () => {
    const doc = {
      lava: { 'login-action': { result: 'fail' }, 'auto-login-action': { result: 'pass' } },
    };
    expect(statuses(parseTuxsuiteResults(doc).results)).toEqual({ boot: 'PASS' });
  });

  it('maps suites to family paths, with or without the LAVA run index', () => {
    const doc = {
      lava: lava(),
      '0_ltp-smoke': { access01: { result: 'pass' }, chdir01: { result: 'skip' } },
      'kselftest-timers': { timers_posix_timers: { result: 'fail' } },
      libhugetlbfs: { 'counters.sh': { result: 'unknown' } },
    };
    expect(statuses(parseTuxsuiteResults(doc).results)).toEqual({
      boot: 'PASS',
      'ltp.smoke.access01': 'PASS',
      'ltp.smoke.chdir01': 'SKIP',
      'kselftest.timers.timers_posix_timers': 'FAIL',
      'libhugetlbfs.counters_sh': 'ERROR',
    });
  });

  it('reports an expected definition without results as MISS', () => {
    const { results, diagnostics } = parseTuxsuiteResults(
      { lava: lava() },
      { testNames: ['boot', 'ltp-smoke'] },
    );
    expect(statuses(results)).toEqual({ boot: 'PASS', 'ltp.smoke': 'MISS' });
    expect(diagnostics).toContain('ltp-smoke: expected but no results, reported as MISS');
  });

  it.each(['Infrastructure', 'Job', 'Canceled'])(
    'reports expected definitions as ERROR after a %s job error',
    (errorType) => {
      const doc = { lava: { job: { result: 'fail', error_type: errorType, error_msg: 'boom' } } };
      const { results, diagnostics } = parseTuxsuiteResults(doc, {
        testNames: ['boot', 'kselftest-timers'],
      });
      expect(statuses(results)).toEqual({ boot: 'ERROR', 'kselftest.timers': 'ERROR' });
      expect(diagnostics[0]).toBe(`lava job error_type ${errorType}: boom`);
    },
  );

  it('keeps a failed login FAIL after a Job error (fail-4: login timeout), ERROR after Infrastructure', () => {
    expect(statuses(parseTuxsuiteResults(fixture('tuxrun_results_fail-4.json')).results)).toEqual({
      boot: 'FAIL',
    });
    const infra = {
      lava: {
        'login-action': { result: 'fail' },
        job: { result: 'fail', error_type: 'Infrastructure' },
      },
    };
    expect(statuses(parseTuxsuiteResults(infra).results)).toEqual({ boot: 'ERROR' });
  });

  it('reads the real TuxSuite sample SQUAD keeps, 0_ prefix included', () => {
    const { results } = parseTuxsuiteResults(fixture('squad_tuxsuite_test_result_sample.json'));
    expect(results).toHaveLength(15);
    expect(results.filter((r) => r.status === 'SKIP').map((r) => r.path.at(-1))).toEqual([
      'chdir01',
      'ping01',
      'ping602',
    ]);
  });

  it('keeps measurements and log excerpts', () => {
    const doc = {
      perf: {
        bench: { result: 'pass', measurement: '1.5', units: 'ms', log_excerpt: ['a', 7, 'b'] },
      },
    };
    expect(parseTuxsuiteResults(doc).results).toEqual([
      {
        path: ['perf', 'bench'],
        status: 'PASS',
        rawStatus: 'pass',
        number: { value: 1.5, unit: 'ms' },
        logLines: ['a', 'b'],
      },
    ]);
  });

  it('returns diagnostics, not an exception, for anything else', () => {
    for (const doc of [undefined, null, 3, 'x', [], { lava: 'x' }]) {
      const outcome = parseTuxsuiteResults(doc, { testNames: 'boot' as unknown as string[] });
      expect(outcome.results).toEqual([]);
      expect(outcome.diagnostics.length).toBeGreaterThan(0);
    }
    const noOptions = parseTuxsuiteResults({ lava: lava() }, null as unknown as undefined);
    expect(noOptions.results).toHaveLength(1);
    expect(noOptions.diagnostics).toEqual([]);
  });
});
