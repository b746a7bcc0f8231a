import type { KcidbStatus } from '@kci-bridge/kcidb';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseLavaResults } from './lava.js';
import type { NormalisedResult } from './types.js';

const statuses = (results: NormalisedResult[]): Record<string, KcidbStatus> =>
  Object.fromEntries(results.map((r) => [r.path.join('.'), r.status]));

/** One test case as lava-server's export_testcase writes it (runners.md §4.3). */
const tc = (
  name: string,
  result: string,
  metadata: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) => ({
  name,
  job: '42',
  suite: 'suite',
  result,
  measurement: 'None',
  unit: '',
  level: '',
  url: `/results/testcase/${name}`,
  id: '1',
  logged: '2024-05-02 10:05:00+00:00',
  log_start_line: '',
  log_end_line: '',
  metadata,
  ...extra,
});

const lavaSuite = (...cases: object[]): string => stringify([...cases, tc('job', 'pass')]);

describe('parseLavaResults', () => {
  it('turns the lava suite into a boot result, passing if any login step passed', () => {
    const results = {
      lava: lavaSuite(
        tc('login-action', 'fail'),
        tc('auto-login-action', 'pass', { duration: '17.27' }),
        tc('validate', 'pass'),
      ),
    };
    expect(parseLavaResults(results, 'Complete').results).toEqual([
      { path: ['boot'], status: 'PASS', rawStatus: 'pass', durationSeconds: 17.27 },
    ]);
  });

  it('strips N_ from suite names, maps families and groups cases by metadata.set', () => {
    const results = {
      lava: lavaSuite(tc('login-action', 'pass')),
      '1_kselftest-timers': stringify([
        tc('timers_posix_timers', 'fail'),
        tc('timers_rtcpie', 'skip'),
      ]),
      '2_igt': stringify([tc('gem-new', 'pass', { set: 'gem' }), tc('version', 'unknown')]),
    };
    expect(statuses(parseLavaResults(results, 'Complete').results)).toEqual({
      boot: 'PASS',
      'kselftest.timers.timers_posix_timers': 'FAIL',
      'kselftest.timers.timers_rtcpie': 'SKIP',
      'igt.gem.gem-new': 'PASS',
      'igt.version': 'ERROR',
    });
  });

  it('turns measurement and unit into a number, ignoring "None"', () => {
    const results = {
      '0_bench': stringify([
        tc('lat', 'pass', {}, { measurement: '12.5000000000', unit: 'us' }),
        tc('none', 'pass', {}, { measurement: 'None', unit: 'None' }),
      ]),
    };
    expect(parseLavaResults(results, 'Complete').results).toEqual([
      {
        path: ['bench', 'lat'],
        status: 'PASS',
        rawStatus: 'pass',
        number: { value: 12.5, unit: 'us' },
      },
      { path: ['bench', 'none'], status: 'PASS', rawStatus: 'pass' },
    ]);
  });

  it.each<[string, KcidbStatus | undefined]>([
    ['Incomplete', 'ERROR'],
    ['Canceled', 'ERROR'],
    ['Unknown', 'MISS'],
    ['Complete', undefined],
  ])('without a login step, a %s job gives boot %s', (health, status) => {
    const boot = parseLavaResults({ lava: lavaSuite(tc('validate', 'pass')) }, health).results.find(
      (r) => r.path[0] === 'boot',
    );
    expect(boot?.status).toBe(status);
    if (boot) expect(boot.rawStatus).toBe(health);
  });

  it('reports the job error type, and a failed login after an Infrastructure error as ERROR', () => {
    const lava = stringify([
      tc('auto-login-action', 'fail', { extra: { fail: 'Connection closed' } }),
      tc('job', 'fail', { error_type: 'Infrastructure', error_msg: 'Connection closed' }),
    ]);
    const { results, diagnostics } = parseLavaResults({ lava }, 'Incomplete');
    expect(results).toEqual([
      { path: ['boot'], status: 'ERROR', rawStatus: 'fail', logLines: ['Connection closed'] },
    ]);
    expect(diagnostics).toEqual(['lava job error_type Infrastructure: Connection closed']);
  });

  it('skips a suite whose YAML does not parse, keeping the others', () => {
    const { results, diagnostics } = parseLavaResults(
      { '0_a': '- name: x\n  result: [unclosed', '1_b': stringify([tc('y', 'pass')]) },
      'Complete',
    );
    expect(statuses(results)).toEqual({ 'b.y': 'PASS' });
    expect(diagnostics).toContain('suite 0_a: YAML does not parse (BAD_INDENT); skipped');
  });

  it('returns diagnostics, not an exception, for anything else', () => {
    for (const [results, health] of [
      [null, null],
      [3, 'Complete'],
      ['x', 7],
      [[], ''],
    ] as const) {
      const outcome = parseLavaResults(
        results as unknown as Record<string, string>,
        health as unknown as string,
      );
      expect(outcome.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
