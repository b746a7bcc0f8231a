import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanScratch, cli, VECTOR, vectorArgs } from '../../test/harness.js';

const fixtures = resolve(import.meta.dirname, '../../fixtures');
const KCI_DEV_DRY_RUN = join(fixtures, 'kcidb-samples/kci-dev-submit-build-dry-run-v5.3.json');

afterAll(cleanScratch);

interface Report {
  checkouts: Record<string, unknown>[];
  builds: Record<string, unknown>[];
}

async function dryRun(args: string[]): Promise<{ report: Report; stdout: string; stderr: string }> {
  const result = await cli([...args, '--dry-run']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return {
    report: JSON.parse(result.stdout) as Report,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

const build = (r: Report) => r.builds[0] ?? {};
const checkout = (r: Report) => r.checkouts[0] ?? {};

describe('submit build --dry-run: IDs equal kci-dev', () => {
  it('gives the test vector of kcidb.md §4.4', async () => {
    const { report } = await dryRun(vectorArgs());
    expect(checkout(report).id).toBe(VECTOR.checkoutId);
    expect(build(report).id).toBe(VECTOR.buildId);
    expect(build(report).checkout_id).toBe(VECTOR.checkoutId);
  });

  it("prints, byte for byte, what kci-dev's --dry-run printed for the same inputs", async () => {
    const { stdout } = await dryRun([
      ...vectorArgs(),
      ...['--tree-name', 'stable-rc', '--status', 'PASS', '--duration', '321.5'],
      ...[
        '--command',
        'make -j16 bzImage modules',
        '--log-url',
        'https://ci.example.org/logs/build.log',
      ],
    ]);
    expect(stdout).toBe(readFileSync(KCI_DEV_DRY_RUN, 'utf8').trimEnd() + '\n');
  });

  it("accepts kci-dev's option names as drop-in aliases, with the same result", async () => {
    const { stdout: ours } = await dryRun(vectorArgs());
    const { stdout: theirs } = await dryRun([
      'submit',
      'build',
      '--origin',
      VECTOR.origin,
      '--giturl',
      VECTOR.repoUrl,
      '--branch',
      VECTOR.branch,
      '--commit',
      VECTOR.commit,
      '--arch',
      'x86_64',
      '--config-name',
      'defconfig',
      '--compiler',
      'gcc-14',
      '--start-time',
      VECTOR.startTime,
    ]);
    expect(theirs).toBe(ours);
  });

  it('refuses an option and its alias with two different values', async () => {
    const result = await cli([
      ...vectorArgs(),
      '--giturl',
      'https://example.org/other.git',
      '--dry-run',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --giturl and --git-repo-url are the same option; give it once\n',
    );
  });

  it('puts an explicit --checkout-id and --build-id in place of derived ones', async () => {
    const { report } = await dryRun([
      ...vectorArgs(),
      '--checkout-id',
      'myci:ck-1',
      '--build-id',
      'myci:b-1',
    ]);
    expect(checkout(report).id).toBe('myci:ck-1');
    expect(build(report)).toMatchObject({ id: 'myci:b-1', checkout_id: 'myci:ck-1' });
  });
});

describe('submit build --build-run-id', () => {
  const runArgs = () =>
    vectorArgs().filter((a, i, all) => a !== VECTOR.startTime && all[i + 1] !== VECTOR.startTime);

  it('keeps the build id stable across runs and distinct from the start-time id', async () => {
    const first = await dryRun([...runArgs(), '--build-run-id', 'pipeline-42']);
    const again = await dryRun([...runArgs(), '--build-run-id', 'pipeline-42']);
    expect(build(first.report).id).toBe(build(again.report).id);
    expect(build(first.report).id).not.toBe(VECTOR.buildId);
    expect(checkout(first.report).id).toBe(VECTOR.checkoutId);
    // No start time given: now (the harness's clock) goes in the field, not in the id.
    expect(build(first.report).start_time).toBe('2026-02-01T12:00:00.000Z');
  });

  it('uses the run id for the id and --build-start-time for the field when both are given', async () => {
    const both = await dryRun([...vectorArgs(), '--build-run-id', 'pipeline-42']);
    const runOnly = await dryRun([...runArgs(), '--build-run-id', 'pipeline-42']);
    expect(build(both.report).id).toBe(build(runOnly.report).id);
    expect(build(both.report).start_time).toBe(VECTOR.startTime);
  });
});

describe('submit build fields', () => {
  it('fills every checkout and build field from its option', async () => {
    const patchset = 'a'.repeat(64);
    const { report } = await dryRun([
      ...vectorArgs(),
      '--patchset-hash',
      patchset,
      '--tree-name',
      'stable-rc',
      '--checkout-valid',
      'false',
      '--checkout-start-time',
      '2026-01-15T09:00:00Z',
      '--status',
      'fail',
      '--duration',
      '12',
      '--comment',
      'nightly',
      '--command',
      'make',
      '--log-url',
      'https://ci.example.org/log',
      '--config-url',
      'https://ci.example.org/.config',
      '--misc',
      'job_id=1234',
      '--misc',
      'lab=home',
      '--misc',
      'extra={"a":[1,2]}',
      '--misc',
      'flag=true',
    ]);
    expect(checkout(report)).toMatchObject({
      patchset_hash: patchset,
      tree_name: 'stable-rc',
      valid: false,
      start_time: '2026-01-15T09:00:00Z',
    });
    expect(checkout(report).id).not.toBe(VECTOR.checkoutId);
    expect(build(report)).toMatchObject({
      status: 'FAIL',
      duration: 12,
      comment: 'nightly',
      command: 'make',
      log_url: 'https://ci.example.org/log',
      config_url: 'https://ci.example.org/.config',
      misc: { job_id: 1234, lab: 'home', extra: { a: [1, 2] }, flag: true },
    });
  });

  it('takes --checkout-valid alone as true, and omits an empty --patchset-hash as kci-dev does', async () => {
    const { report } = await dryRun([...vectorArgs(), '--checkout-valid', '--patchset-hash', '']);
    expect(checkout(report).valid).toBe(true);
    expect(checkout(report)).not.toHaveProperty('patchset_hash');
    expect(checkout(report).id).toBe(VECTOR.checkoutId);
  });

  it("turns --log-path's failing lines into log_excerpt", async () => {
    const log = join(fixtures, 'build-log/not-ok/implicit-declaration.log');
    const { report } = await dryRun([...vectorArgs(), '--status', 'FAIL', '--log-path', log]);
    const excerpt = String(build(report).log_excerpt);
    expect(excerpt).toContain("error: implicit declaration of function 'xsk_tx_metadata_to_compl'");
    expect(excerpt).not.toContain('HOSTCC');
  });
});
