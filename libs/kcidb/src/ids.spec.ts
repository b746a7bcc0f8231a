import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildId, checkoutId, isValidOrigin, testId, testPath } from './ids.js';

const KCIDB_PATH = /^([a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*)?$/;
const STABLE_RC = 'https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux-stable-rc.git';

// GOLDEN VECTORS: these IDs are already in KCIDB. They must NEVER change; a failure
// here means the formula changed, not that the vector needs updating.
describe('ID golden vectors (must never change)', () => {
  it('checkoutId reproduces kci-dev (kcidb.md §4.4)', () => {
    const id = checkoutId({
      origin: 'myci',
      repoUrl: STABLE_RC,
      branch: 'linux-6.12.y',
      commit: '0123456789abcdef0123456789abcdef01234567',
      patchsetHash: '',
    });
    expect(id).toBe('myci:ck-fc0561c76417bf9df0c558350a0e1d6d186e81d839499042314bc8a8b4b028e1');
  });

  it('buildId reproduces kci-dev (kcidb.md §4.4)', () => {
    const id = buildId({
      origin: 'myci',
      checkoutId: 'myci:ck-fc0561c76417bf9df0c558350a0e1d6d186e81d839499042314bc8a8b4b028e1',
      arch: 'x86_64',
      configName: 'defconfig',
      compiler: 'gcc-14',
      startOrRunId: '2026-01-15T10:00:00+00:00',
    });
    expect(id).toBe('myci:b-3442042175bc1a7b76e934c9185c51068332d4389e7bed885a0dc02f45d6a56b');
  });

  it('checkoutId without branch or patchset', () => {
    const id = checkoutId({
      origin: 'kci_bridge',
      repoUrl: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git',
      commit: 'ef2b753c38bc9c0d1eea84e29a6bb6f9e776d0e3',
    });
    expect(id).toBe(
      'kci_bridge:ck-29ca0932f87cc47d1ef5caf14495d1609bf501a44ad9a55e1be8b5b738f1b795',
    );
  });

  it('buildId with only a run id', () => {
    const id = buildId({
      origin: 'kci_bridge',
      checkoutId: 'kci_bridge:ck-x',
      startOrRunId: 'run-42',
    });
    expect(id).toBe(
      'kci_bridge:b-632b077248fad8415849988f31cbaa4b5f582705a8a89f89af987762ef0df722',
    );
  });

  it('buildId on another origin checkout', () => {
    const id = buildId({
      origin: 'kci_bridge',
      checkoutId: 'maestro:abc',
      arch: 'arm64',
      configName: 'defconfig+CONFIG_KASAN=y',
      compiler: 'clang-17',
      startOrRunId: 'tuxsuite:2abc',
    });
    expect(id).toBe(
      'kci_bridge:b-fba3df997516038e5a294f9bf3434d23dbb1cd14be9e228a33dffd7961cd12d5',
    );
  });

  it('testId', () => {
    const build = 'myci:b-3442042175bc1a7b76e934c9185c51068332d4389e7bed885a0dc02f45d6a56b';
    expect(
      testId({ origin: 'myci', buildId: build, path: 'ltp.ltp-smoke', testUid: 'lava:1234/5' }),
    ).toBe('myci:t-142b417c5733646e4857bf9b20c0b7240eaa9c932dfbd4d8b7b0826e04333ae4');
    const maestro = 'maestro:67a1b2c3d4';
    expect(
      testId({
        origin: 'kci_bridge',
        buildId: maestro,
        path: 'kselftest.timers.posix_timers_x',
        testUid: '1',
      }),
    ).toBe('kci_bridge:t-3bb3957c87ff22750cf649fcb1b15dbd608794ece43a2e7ff4ba5a8bfe07dbf3');
    expect(testId({ origin: 'kci_bridge', buildId: maestro, path: '', testUid: '' })).toBe(
      'kci_bridge:t-813779846d5409e7ba0ef526123d6856257872c3ac8b404c00499bc8974a87f9',
    );
  });

  it('testId hashes the UTF-8 bytes of non-ASCII input', () => {
    expect(
      testId({ origin: 'kci_bridge', buildId: 'kci_bridge:b-1', path: 'boot', testUid: 'é✓𝄞' }),
    ).toBe('kci_bridge:t-1dfc68eee330ea739bb045ad4bc5f23dad6e9895f874bc6b058a459149f708f4');
  });
});

describe('ID formulas', () => {
  it('hash exactly the documented seed', () => {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(checkoutId({ origin: 'o', repoUrl: 'u', commit: 'c' })).toBe(`o:ck-${sha('u||c|')}`);
    expect(buildId({ origin: 'o', checkoutId: 'o:ck', startOrRunId: 'r' })).toBe(
      `o:b-${sha('o:ck||||r')}`,
    );
    expect(testId({ origin: 'o', buildId: 'b', path: 'p', testUid: 'u' })).toBe(
      `o:t-${sha('b|p|u')}`,
    );
  });

  it('leave the origin out of the seed, as kci-dev does', () => {
    const input = { repoUrl: 'u', commit: 'c' };
    const a = checkoutId({ origin: 'a', ...input }).split(':ck-')[1];
    const b = checkoutId({ origin: 'b', ...input }).split(':ck-')[1];
    expect(a).toBe(b);
  });

  it('use the repository URL as given (no normalisation)', () => {
    const a = checkoutId({ origin: 'o', repoUrl: 'https://x/linux.git', commit: 'c' });
    const b = checkoutId({ origin: 'o', repoUrl: 'https://x/linux', commit: 'c' });
    expect(a).not.toBe(b);
  });
});

describe('isValidOrigin', () => {
  it.each(['myci', 'kci_bridge', 'maestro', 'a1', '_'])('accepts %j', (o) => {
    expect(isValidOrigin(o)).toBe(true);
  });
  it.each(['', 'MyCI', 'kci-bridge', 'a b', 'a:b', 'é', 'ok\n'])('refuses %j', (o) => {
    expect(isValidOrigin(o)).toBe(false);
  });
});

describe('testPath', () => {
  it.each([
    ['ltp', 'ltp-smoke', 'ltp.ltp-smoke'],
    ['kselftest.timers', 'posix timers/x', 'kselftest.timers.posix_timers_x'],
    ['ltp.syscalls', 'read01', 'ltp.syscalls.read01'],
    ['boot', '', 'boot'],
    ['', 'boot', 'boot'],
    ['', '', ''],
    ['kunit', 'a.b', 'kunit.a_b'],
    ['kunit', '  lead & trail  ', 'kunit._lead_trail_'],
    ['..ltp..syscalls.', 'x', 'ltp.syscalls.x'],
    ['ltp/smoke.a b', 'c', 'ltp_smoke.a_b.c'],
    ['kselftest', 'net:fcnal-test.sh', 'kselftest.net_fcnal-test_sh'],
    ['baseline', 'dmesg→crit', 'baseline.dmesg_crit'],
    ['ltp', '𝄞', 'ltp._'],
  ])('testPath(%j, %j) = %j', (collection, name, expected) => {
    expect(testPath(collection, name)).toBe(expected);
    expect(expected).toMatch(KCIDB_PATH);
  });
});
