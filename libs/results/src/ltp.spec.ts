import { readFileSync } from 'node:fs';
import type { KcidbStatus } from '@kci-bridge/kcidb';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseLtp } from './ltp.js';
import type { NormalisedResult } from './types.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/ltp/ok/${name}`, import.meta.url), 'utf8');

const statuses = (results: NormalisedResult[]): Record<string, KcidbStatus> =>
  Object.fromEntries(results.map((r) => [r.path.join('.'), r.status]));

const panBlock = (tag: string, output: string[], status?: string): string[] => [
  '<<<test_start>>>',
  `tag=${tag} stime=1714644000`,
  `cmdline="${tag}"`,
  '<<<test_output>>>',
  ...output,
  ...(status === undefined
    ? []
    : ['<<<execution_status>>>', 'initiation_status="ok"', status, '<<<test_end>>>']),
];

describe('parseLtp', () => {
  it('maps ltp-pan termination_id bits: brok is FAIL, conf alone SKIP, warn alone PASS', () => {
    const text = [
      ...panBlock('p', [], 'duration=1 termination_type=exited termination_id=0 corefile=no'),
      ...panBlock(
        'b',
        ['tst_test.c:1: TBROK: x'],
        'duration=2 termination_type=exited termination_id=2 corefile=no',
      ),
      ...panBlock('c', [], 'duration=0 termination_type=exited termination_id=32 corefile=no'),
      ...panBlock('w', [], 'duration=0 termination_type=exited termination_id=4 corefile=no'),
      ...panBlock('k', [], 'duration=0 termination_type=signaled termination_id=9 corefile=yes'),
    ].join('\n');
    const { results, diagnostics } = parseLtp(text);
    expect(diagnostics).toEqual([]);
    expect(statuses(results)).toEqual({ p: 'PASS', b: 'FAIL', c: 'SKIP', w: 'PASS', k: 'FAIL' });
    expect(results.find((r) => r.path[0] === 'b')).toEqual({
      path: ['b'],
      status: 'FAIL',
      rawStatus: 'termination_id=2',
      logLines: ['tst_test.c:1: TBROK: x'],
      durationSeconds: 2,
    });
    expect(results.find((r) => r.path[0] === 'k')?.rawStatus).toBe(
      'termination_type=signaled termination_id=9',
    );
  });

  it('reports a block cut short as ERROR, or FAIL when a failure was already printed', () => {
    const { results } = parseLtp(
      [...panBlock('a', ['a.c:1: TPASS: ok']), ...panBlock('b', ['b.c:2: TFAIL: no'])].join('\n'),
    );
    expect(results.map((r) => [r.path[0], r.status, r.rawStatus])).toEqual([
      ['a', 'ERROR', 'incomplete'],
      ['b', 'FAIL', 'TFAIL'],
    ]);
  });

  it('reads a kirk JSON report, with logs and durations', () => {
    const { results } = parseLtp(
      JSON.stringify({
        results: [
          { test_fqn: 'abort01', status: 'pass', test: { log: 'a\nb\n', duration: 0.5 } },
          { test_fqn: 'oom01', status: 'brok', test: { log: '', duration: 3 } },
          { test_fqn: 'cve-2017-1', status: 'conf', test: {} },
        ],
      }),
    );
    expect(results).toEqual([
      {
        path: ['abort01'],
        status: 'PASS',
        rawStatus: 'pass',
        logLines: ['a', 'b'],
        durationSeconds: 0.5,
      },
      { path: ['oom01'], status: 'FAIL', rawStatus: 'brok', durationSeconds: 3 },
      { path: ['cve-2017-1'], status: 'SKIP', rawStatus: 'conf' },
    ]);
  });

  it('reads the runltp -l table', () => {
    expect(statuses(parseLtp(fixture('runltp-table.log')).results)).toEqual({
      abort01: 'PASS',
      accept01: 'FAIL',
      accept4_01: 'SKIP',
      add_key05: 'FAIL',
      fanotify01: 'PASS',
    });
  });

  it("reads kirk's console lines, colours and all", () => {
    const { results } = parseLtp(fixture('lkp-tests_ltp_1_kirk.log'));
    expect(statuses(results)).toEqual({
      ftrace_regression01: 'PASS',
      ftrace_regression02: 'PASS',
      'ftrace-stress-test': 'PASS',
      cacheflush01: 'SKIP',
      cachestat01: 'PASS',
    });
    expect(results.find((r) => r.path[0] === 'ftrace-stress-test')?.durationSeconds).toBe(99);
  });

  it('groups plain test-library lines by test, with LTP rule that a skip counts only if nothing passed', () => {
    expect(statuses(parseLtp(fixture('new-api-plain.log')).results)).toEqual({
      fallocate06: 'PASS',
      madvise11: 'FAIL',
      ioctl_ns01: 'SKIP',
    });
  });

  it('prefers the ltp-pan block over the table line for the same test', () => {
    const text = [
      ...panBlock('read01', [], 'duration=1 termination_type=exited termination_id=1 corefile=no'),
      'Testcase   Result   Exit Value',
      '--------   ------   ----------',
      'read01     FAIL     1',
      'read02     PASS     0',
    ].join('\n');
    const { results } = parseLtp(text);
    expect(results.map((r) => [r.path[0], r.rawStatus])).toEqual([
      ['read01', 'termination_id=1'],
      ['read02', 'PASS'],
    ]);
  });

  it('returns diagnostics, not an exception, for anything else', () => {
    expect(parseLtp('')).toEqual({ results: [], diagnostics: ['no LTP results found'] });
    expect(parseLtp('{"results": 3}').diagnostics[0]).toMatch(/not a kirk report/);
    expect(parseLtp(null as unknown as string).diagnostics).toEqual(['input is not text']);
  });
});

/**
 * Cross-check against lkp-tests' expected parse of the same ltp-pan log. LKP's `block`
 * (TCONF or TBROK) is SKIP for us when the test was not applicable (conf bit), but a broken
 * test (TBROK, swapping01 here) is FAIL: we follow Linaro's test-definitions, `brok → fail`.
 */
describe('parseLtp agrees with lkp-tests expectations', () => {
  it('lkp-tests_ltp_1_ltp-pan', () => {
    const lkp = parseYaml(fixture('lkp-tests_ltp_1_ltp-pan.expected.yaml')) as Record<
      string,
      number
    >;
    const WORD: Record<string, KcidbStatus> = { pass: 'PASS', fail: 'FAIL', block: 'SKIP' };
    const deliberate: Record<string, KcidbStatus> = { swapping01: 'FAIL' };
    const expected = Object.fromEntries(
      Object.keys(lkp).map((key) => {
        const [tag = '', word = ''] = key.split('.');
        return [tag, deliberate[tag] ?? WORD[word]];
      }),
    );
    expect(statuses(parseLtp(fixture('lkp-tests_ltp_1_ltp-pan.log')).results)).toEqual(expected);
  });
});
