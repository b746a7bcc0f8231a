/**
 * `kci-bridge ... --via <gateway>`: the built CLI, run as a user runs it, sends its reports
 * through the whole stack (gateway `POST /api/v1/kcidb/submit`, NATS, the submitter's outbox)
 * to the fake KCIDB, and `--wait` follows the submission until KCIDB has every object.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { parentEnv } from '../support/env.js';
import { isolatedStackEnv, isolation, QUICK_DELIVERY } from '../support/isolation.js';
import { REPO_ROOT, Stack } from './stack.js';
import { validateUpstream } from './upstream-schema.js';

const iso = isolation('e2e_cli_via');
let fake: FakeKcidb;
let stack: Stack;
const home = mkdtempSync(join(tmpdir(), 'kci-e2e-cli-home-'));

const BIN = join(REPO_ROOT, 'cli/bin/kci-bridge.js');
// The gateway's admin token (every scope, every origin), handed to the CLI as KCI_BRIDGE_TOKEN.
const TOKEN = 'e2e-cli-via-admin-token-5f2b9c0d';
const KTAP_LOG = join(
  REPO_ROOT,
  'libs/results/fixtures/ktap/ok/lkp-tests_kselftests_cgroup-02.log',
);

/** kcidb.md §4.4's test vector, whose ids kci-dev gives too. */
const VECTOR = {
  checkoutId: 'myci:ck-fc0561c76417bf9df0c558350a0e1d6d186e81d839499042314bc8a8b4b028e1',
  buildId: 'myci:b-3442042175bc1a7b76e934c9185c51068332d4389e7bed885a0dc02f45d6a56b',
};

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the built CLI with `args`: the bridge token, no other KCI* variable (so no KCIDB
 * credentials) and an empty home (so no kci-dev config file).
 */
function kciBridge(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: home,
        env: { ...parentEnv(), HOME: home, KCI_BRIDGE_TOKEN: TOKEN, ...env },
        timeout: 90_000,
      },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  fake = await FakeKcidb.start({ validate: (doc) => validateUpstream(doc) });
  stack = await Stack.start({
    ...isolatedStackEnv(iso, fake.restUrl, 'kci_e2e'),
    ...QUICK_DELIVERY,
    KCI_ADMIN_TOKEN: TOKEN,
  });
});

afterAll(async () => {
  const code = await stack?.stop();
  await fake?.close();
  rmSync(home, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('the CLI --via a running kci-bridge', () => {
  const gateway = () => `http://127.0.0.1:${stack.ports.gateway}`;

  it('submit build --via: the checkout and the build reach KCIDB through the outbox', async () => {
    const run = await kciBridge([
      ...['submit', 'build', '--origin', 'myci'],
      ...[
        '--git-repo-url',
        'https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux-stable-rc.git',
      ],
      ...['--git-branch', 'linux-6.12.y'],
      ...['--git-commit-hash', '0123456789abcdef0123456789abcdef01234567'],
      ...['--arch', 'x86_64', '--config-name', 'defconfig', '--compiler', 'gcc-14'],
      ...['--build-start-time', '2026-01-15T10:00:00+00:00', '--status', 'PASS'],
      ...['--via', gateway(), '--wait', '60'],
    ]);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.code, run.stderr).toBe(0);
    const id = /^submission {2}(\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.stdout).toContain(`follow it:  ${gateway()}/api/v1/submissions/${id}`);
    expect(run.stdout).toContain('KCIDB has every object (state submitted)');

    expect(fake.receivedObjectIds('checkouts').has(VECTOR.checkoutId)).toBe(true);
    expect(fake.receivedObjectIds('builds').has(VECTOR.buildId)).toBe(true);
    for (const s of fake.submissions) {
      expect(validateUpstream(s.document), JSON.stringify(validateUpstream.errors)).toBe(true);
    }

    // What the CLI printed is what the gateway says.
    const answer = await fetch(`${gateway()}/api/v1/submissions/${id}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const view = (await answer.json()) as {
      state: string;
      objects: Record<string, number>;
    };
    expect(view).toMatchObject({ state: 'submitted', objects: { submitted: 2, dead: 0 } });
  });

  it('refuses a token the gateway does not know, with exit code 4', async () => {
    const run = await kciBridge(
      [
        ...['submit', 'tests', '--origin', 'myci', '--build-id', VECTOR.buildId],
        ...['--test-uid', 'e2e-cli-bad-token', '--path', 'boot', '--status', 'PASS'],
        ...['--via', gateway()],
      ],
      { KCI_BRIDGE_TOKEN: 'not-a-token-of-this-gateway' },
    );
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/refused the token \(HTTP 401\)/);
    expect(run.stderr).not.toContain('not-a-token-of-this-gateway');
  });

  it('submit tests --ktap --via: one test per case reaches KCIDB, for that build', async () => {
    const run = await kciBridge([
      ...['--json', 'submit', 'tests', '--origin', 'myci', '--build-id', VECTOR.buildId],
      ...['--test-uid', 'e2e-cli-via', '--collection', 'kselftest', '--name', 'cgroup'],
      ...['--ktap', KTAP_LOG, '--via', gateway(), '--wait', '60'],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { result: string; objects: number };
    expect(result).toMatchObject({ result: 'submitted', objects: 15 });
    const tests = fake
      .allTests()
      .filter((t) => (t['misc'] as { test_uid?: string }).test_uid === 'e2e-cli-via');
    expect(tests).toHaveLength(15);
    expect(tests.every((t) => t['build_id'] === VECTOR.buildId)).toBe(true);
    expect(tests.find((t) => t['path'] === 'kselftest.cgroup')?.['status']).toBe('FAIL');
  });
});
