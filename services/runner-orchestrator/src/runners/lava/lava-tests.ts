/**
 * The test names a request may ask LAVA for, as Linaro test-definitions entries (what TuxRun and
 * KernelCI run): `ltp-<runtest file>` and `kselftest-<collection>`. Parameters follow TuxRun's;
 * a template's `kci.test_parameters` adds to or overrides them, per family.
 */

export type TestFamily = 'ltp' | 'kselftest';

/** A `definitions:` entry of a LAVA `test` action. */
export interface LavaTestDefinition {
  from: 'git';
  repository: string;
  revision: string;
  path: string;
  name: string;
  parameters: Record<string, string>;
  'lava-signal'?: 'kmsg';
}

export interface TestDefinitionsSource {
  repository: string;
  revision: string;
}

export const DEFAULT_TEST_DEFINITIONS: TestDefinitionsSource = {
  repository: 'https://github.com/Linaro/test-definitions.git',
  revision: 'master',
};

/** LAVA's own rule for definition names (they become suite names `N_<name>`). */
const NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

/** Where the kselftest tarball is unpacked (TuxRun's layout; the template's overlay puts it there). */
export const KSELFTEST_PATH = '/opt/kselftests/default-in-kernel';

/** Which family a test name belongs to, or undefined if LAVA has no definition for it here. */
export function testFamily(name: string): TestFamily | undefined {
  if (!NAME.test(name)) return undefined;
  if (/^ltp-[a-z0-9_-]+$/.test(name)) return 'ltp';
  if (/^kselftest-[a-z0-9_.-]+$/.test(name)) return 'kselftest';
  return undefined;
}

/** The Linaro test-definitions entry for `name`; `testFamily(name)` must be defined. */
export function testDefinition(
  name: string,
  source: TestDefinitionsSource,
  overrides: Partial<Record<TestFamily, Record<string, string>>>,
): LavaTestDefinition {
  const family = testFamily(name);
  switch (family) {
    case 'ltp': {
      const suite = name.slice('ltp-'.length);
      return {
        from: 'git',
        ...source,
        path: 'automated/linux/ltp/ltp.yaml',
        name,
        parameters: {
          // LTP's runtest file for the smoke set is `smoketest` (TuxRun maps it the same way).
          TST_CMDFILES: suite === 'smoke' ? 'smoketest' : suite,
          SKIP_INSTALL: 'true',
          ENVIRONMENT: 'production',
          TIMEOUT_MULTIPLIER: '3',
          ...overrides.ltp,
        },
      };
    }
    case 'kselftest':
      return {
        from: 'git',
        ...source,
        path: 'automated/linux/kselftest/kselftest.yaml',
        name,
        // kselftest output is long and interleaves with kernel messages on the console.
        'lava-signal': 'kmsg',
        parameters: {
          TST_CMDFILES: name.slice('kselftest-'.length),
          KSELFTEST_PATH,
          SKIPFILE: 'skipfile-lkft.yaml',
          SKIP_INSTALL: 'true',
          ENVIRONMENT: 'production',
          ...overrides.kselftest,
        },
      };
    case undefined:
      throw new Error(
        `LAVA has no test definition for "${name}" (supported: ltp-<runtest>, kselftest-<collection>)`,
      );
  }
}
