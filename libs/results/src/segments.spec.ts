import { describe, expect, it } from 'vitest';
import { definitionPath, stripRunIndex } from './definitions.js';
import { PathRegistry, sanitiseSegment } from './segments.js';

describe('sanitiseSegment', () => {
  it.each([
    ['posix_timers', 'posix_timers'],
    ['nsleep-lat', 'nsleep-lat'],
    ['check_sig_ign SIGEV_SIGNAL', 'check_sig_ign_SIGEV_SIGNAL'],
    ['test_stress.sh', 'test_stress_sh'],
    ['  ..a..  ', 'a'],
    ['___', ''],
    ['ünïcödé', 'n_c_d'],
    ['', ''],
  ])('%j → %j', (text, segment) => {
    expect(sanitiseSegment(text)).toBe(segment);
  });

  it('stays fast and short on hostile input', () => {
    const start = performance.now();
    expect(sanitiseSegment(`${'_'.repeat(500_000)}a`)).toBe('');
    expect(sanitiseSegment('a'.repeat(10_000))).toHaveLength(200);
    expect(performance.now() - start).toBeLessThan(5_000); // catastrophic-regex guard, not a speed test
  });
});

describe('PathRegistry', () => {
  it('numbers repeated paths _dup2, _dup3, skipping names already taken', () => {
    const registry = new PathRegistry();
    expect(registry.claim(['a', 'b'])).toEqual(['a', 'b']);
    expect(registry.claim(['a', 'b_dup2'])).toEqual(['a', 'b_dup2']);
    expect(registry.claim(['a', 'b'])).toEqual(['a', 'b_dup3']);
    expect(registry.claim(['a', 'b'])).toEqual(['a', 'b_dup4']);
  });
});

describe('definitionPath', () => {
  it.each([
    ['ltp-smoke', ['ltp', 'smoke']],
    ['ltp-fs_bind', ['ltp', 'fs_bind']],
    ['kselftest-timers', ['kselftest', 'timers']],
    ['kselftest-net-forwarding', ['kselftest', 'net-forwarding']],
    ['libhugetlbfs', ['libhugetlbfs']],
    ['perf-bench', ['perf-bench']],
    ['ltp-', ['ltp-']],
    ['', ['unnamed']],
  ])('%j → %j', (name, path) => {
    expect(definitionPath(name)).toEqual(path);
  });

  it('strips the LAVA run index', () => {
    expect(stripRunIndex('0_ltp-smoke')).toBe('ltp-smoke');
    expect(stripRunIndex('12_x_y')).toBe('x_y');
    expect(stripRunIndex('lava')).toBe('lava');
  });
});
