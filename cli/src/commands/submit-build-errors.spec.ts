import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanScratch, cli, scratchDir, vectorArgs } from '../../test/harness.js';

const fixtures = resolve(import.meta.dirname, '../../fixtures');
const KCI_DEV_DRY_RUN = join(fixtures, 'kcidb-samples/kci-dev-submit-build-dry-run-v5.3.json');

afterAll(cleanScratch);

describe('submit build usage errors (exit 2, one line naming the option)', () => {
  const cases: [string, string[], RegExp][] = [
    ['a bad status', ['--status', 'broken'], /^error: --status "broken" is not a KCIDB status/],
    [
      'a bad duration',
      ['--duration', 'soon'],
      /^error: option '--duration <seconds>' argument 'soon' is invalid/,
    ],
    [
      'another schema',
      ['--schema', '5.2'],
      /^error: option '--schema <version>'.*only schema 5\.3 is supported/,
    ],
    [
      'a misc without =',
      ['--misc', 'oops'],
      /^error: option '--misc <key=value>'.*expected key=value/,
    ],
    ['a misc key twice', ['--misc', 'a=1', '--misc', 'a=2'], /key "a" given twice/],
    ['a bad origin', ['--origin', 'My-CI'], /^error: --origin "My-CI" must be lowercase/],
    [
      'a bad start time',
      ['--build-start-time', '2026-01-15 10:00'],
      /^error: --build-start-time "2026-01-15 10:00" is not an RFC 3339/,
    ],
    [
      'an unreadable log',
      ['--log-path', '/nonexistent/build.log'],
      /^error: --log-path \/nonexistent\/build.log: no such file/,
    ],
    [
      'a bad --checkout-valid',
      ['--checkout-valid', 'maybe'],
      /^error: option '--checkout-valid \[bool\]'/,
    ],
    ['an unknown option', ['--frobnicate'], /^error: unknown option '--frobnicate'/],
  ];
  for (const [name, extra, message] of cases) {
    it(`refuses ${name}`, async () => {
      const result = await cli([...vectorArgs(), ...extra, '--dry-run']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('names every missing input at once', async () => {
    const result = await cli(['submit', 'build', '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: missing required options: --origin, --git-repo-url (or --giturl, --git-folder), --git-commit-hash (or --commit, --git-folder), --build-start-time (or --start-time) or --build-run-id\n',
    );
  });
});

describe('submit build validation', () => {
  it('lists every error with its path, exits 1 and sends nothing', async () => {
    const result = await cli([
      ...vectorArgs().map((a) => (a === 'x86_64' ? 'x86-64' : a)),
      '--log-url',
      'not a url',
      '--kcidb-rest',
      'http://127.0.0.1:9/never',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error \/builds\/0\/architecture: /m);
    expect(result.stderr).toMatch(/^error \/builds\/0\/log_url: /m);
    expect(result.stderr).toMatch(
      /the report is invalid \(2 errors, 0 warnings\); nothing was sent/,
    );
  });
});

describe('submit build --from-json', () => {
  const sample = (name: string) => join(fixtures, 'kcidb-samples', name);

  it('prints a valid v5.3 report on --dry-run', async () => {
    const result = await cli([
      'submit',
      'build',
      '--from-json',
      sample('kcidb-test_db-comprehensive-v5.3.json'),
      '--dry-run',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      JSON.parse(readFileSync(sample('kcidb-test_db-comprehensive-v5.3.json'), 'utf8')),
    );
  });

  it('refuses a v4 report as invalid (exit 1)', async () => {
    const result = await cli([
      'submit',
      'build',
      '--from-json',
      sample('kcidb-test_monitor-cki-v4.0.json'),
      '--dry-run',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error \/version\/major: version.major must be 5/m);
  });

  it('reads stdin for -', async () => {
    const text = readFileSync(KCI_DEV_DRY_RUN, 'utf8');
    const result = await cli(['submit', 'build', '--from-json', '-', '--dry-run'], { stdin: text });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(text));
  });

  it('refuses options that would build a report', async () => {
    const result = await cli([
      'submit',
      'build',
      '--from-json',
      KCI_DEV_DRY_RUN,
      '--origin',
      'myci',
      '--arch',
      'x86_64',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot be combined with --origin, --arch/);
  });

  it('says which file is not JSON (exit 1)', async () => {
    const bad = join(scratchDir(), 'bad.json');
    writeFileSync(bad, '{"version": ');
    const result = await cli(['submit', 'build', '--from-json', bad, '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: --from-json .*bad\.json is not JSON/);
  });
});

describe('help', () => {
  it('documents submit build with examples, aliases and exit codes', async () => {
    const result = await cli(['submit', 'build', '--help']);
    expect(result.code).toBe(0);
    for (const text of [
      '--build-run-id',
      '--git-folder',
      '--from-json',
      'Examples:',
      "kci-dev's option names",
      'Exit codes:',
      'KCIDB_REST',
    ]) {
      expect(result.stdout).toContain(text);
    }
  });

  it('shows the version and the commands', async () => {
    expect((await cli(['--version'])).stdout).toBe('0.1.0\n');
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/submit[\s\S]*validate[\s\S]*status/);
  });

  it('exits 2 with help when no command is given', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['submit'])).code).toBe(2);
  });
});
