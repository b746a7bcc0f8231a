import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { FakeLava } from '../fakes/lava/fake-lava.js';
import { FakeTuxsuite } from '../fakes/tuxsuite/fake-tuxsuite.js';
import { isolatedStackEnv, isolation } from '../support/isolation.js';
import { Stack, until } from './stack.js';
import { validateUpstream } from './upstream-schema.js';

const iso = isolation('e2e_runs');
const LAVA_CALLBACK_SECRET = 'lava-callback-secret-0123456789abcdef';
let kcidb: FakeKcidb;
let tux: FakeTuxsuite;
let lava: FakeLava;
let stack: Stack;

interface RunView {
  id: string;
  state: string;
  runner: string;
  runner_job_id: string | null;
  reason: string | null;
  transitions: Array<{ from: string | null; to: string }>;
  kcidb: {
    counts: Record<string, number>;
    objects: Array<{ id: string; kind: string; state: string }>;
  };
}

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(stack.api(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.headers(), ...headers },
    body: JSON.stringify(body),
  });
}

async function launch(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await post(path, body, headers);
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function run(id: string): Promise<RunView | undefined> {
  const res = await fetch(stack.api(`/runs/${id}`), { headers: stack.headers() });
  return res.status === 200 ? ((await res.json()) as RunView) : undefined;
}

const runWhere = (id: string, pred: (r: RunView) => boolean, timeoutMs = 30_000) =>
  until(
    async () => {
      const r = await run(id);
      return r && pred(r) ? r : undefined;
    },
    timeoutMs,
    `run ${id}`,
  );

const BUILD = {
  runner: 'tuxsuite',
  toolchain: 'gcc-13',
  tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git',
  branch: 'master',
  kconfig: 'defconfig',
  fragments: ['CONFIG_KASAN=y'],
};

beforeAll(async () => {
  kcidb = await FakeKcidb.start({ validate: (doc) => validateUpstream(doc) });
  tux = await FakeTuxsuite.start();
  lava = await FakeLava.start({ callbackTokens: { 'kci-bridge-callback': LAVA_CALLBACK_SECRET } });
  stack = await Stack.start({
    ...isolatedStackEnv(iso, kcidb.restUrl, 'kci_e2e'),
    KCI_BATCH_MAX_AGE_MS: '100',
    KCI_STATUS_POLL_MS: '100',
    KCI_STATUS_POLL_MAX_MS: '500',
    KCI_FETCH_ALLOWED_HOSTS: '127.0.0.1',
    TUXAPI_URL: tux.url,
    TUXSUITE_TOKEN: tux.token,
    TUXSUITE_GROUP: tux.group,
    TUXSUITE_PROJECT: tux.project,
    TUXSUITE_PUBLIC_KEY: tux.publicKeySsh,
    KCI_LAVA_URL: lava.url,
    KCI_LAVA_TOKEN: lava.token,
    KCI_LAVA_CALLBACK_TOKEN_DESCRIPTION: 'kci-bridge-callback',
    KCI_LAVA_CALLBACK_TOKEN: LAVA_CALLBACK_SECRET,
    KCI_CALLBACK_GRACE_MS: '1500',
    KCI_POLL_INTERVAL_MS: '500',
    KCI_RECONCILE_INTERVAL_MS: '200',
  });
});

afterAll(async () => {
  await stack?.stop();
  await Promise.all([kcidb?.close(), tux?.close(), lava?.close()]);
});

describe('runs on TuxSuite and LAVA, through the whole stack', () => {
  it('refuses a build without a base config and an unconfigured runner, naming the configured ones', async () => {
    const noBase = await post('/builds/run', { ...BUILD, kconfig: undefined });
    expect(noBase.status).toBe(422);
    expect(JSON.stringify(await noBase.json())).toMatch(/kconfig is required/);
    const unknown = await post('/builds/run', { ...BUILD, runner: 'jenkins' });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(await unknown.json())).toMatch(/configured runners: lava, tuxsuite/);
  });

  it('builds on TuxSuite: a signed callback ends the run, and KCIDB gets a valid checkout and build', async () => {
    const key = 'build-once-1';
    const id = await launch('/builds/run', BUILD, { 'Idempotency-Key': key });
    expect(await launch('/builds/run', BUILD, { 'Idempotency-Key': key })).toBe(id);
    const launched = await runWhere(id, (r) => r.state === 'launched');
    expect(tux.builds()).toHaveLength(1);
    const uid = launched.runner_job_id ?? '';
    expect(tux.run(uid).request).toMatchObject({
      target_arch: 'riscv',
      kconfig: ['defconfig', 'CONFIG_KASAN=y'],
      client_token: id,
    });

    const sha = '0123456789abcdef0123456789abcdef01234567';
    expect(
      await tux.completeBuild(uid, {
        result: 'pass',
        gitSha: sha,
        invalidEscapes: true,
        gitShortLog: "Merge tag 'net-6.7'",
      }),
    ).toBe(200);
    const done = await runWhere(
      id,
      (r) => r.state === 'finished' && r.kcidb.counts['submitted'] === 2,
    );
    expect(done.transitions.map((t) => t.to)).toEqual(['requested', 'launched', 'finished']);
    const [build] = kcidb.objects('builds');
    const [checkout] = kcidb.objects('checkouts');
    expect(checkout).toMatchObject({
      origin: 'kci_e2e',
      git_commit_hash: sha,
      git_repository_branch: 'master',
    });
    expect(build).toMatchObject({
      origin: 'kci_e2e',
      checkout_id: checkout?.['id'],
      status: 'PASS',
      architecture: 'riscv',
      compiler: 'gcc-13',
    });

    // A repeated callback changes nothing.
    expect(await tux.completeBuild(uid, { result: 'fail', gitSha: sha })).toBe(200);
    expect((await run(id))?.transitions).toHaveLength(3);
  });

  it('refuses a TuxSuite callback whose signature does not verify', async () => {
    const id = await launch('/boot-test/run', {
      runner: 'tuxsuite',
      build_id: 'maestro:abc',
      kernel_image_url: 'https://example.org/Image.gz',
    });
    const r = await runWhere(id, (x) => x.state === 'launched');
    expect(await tux.completeTest(r.runner_job_id ?? '', { result: 'pass', tamper: true })).toBe(
      401,
    );
    expect((await run(id))?.state).toBe('launched');
  });

  it('runs tests on TuxSuite and reports each test case, not one status per suite', async () => {
    const id = await launch('/tests/run', {
      runner: 'tuxsuite',
      build_id: 'maestro:681b69099ae9711e9ed49766',
      kernel_image_url: 'https://storage.example.org/Image.gz',
      modules_url: 'https://storage.example.org/modules.tar.xz',
      tests: ['ltp-smoke'],
      collection: 'ltp',
    });
    const r = await runWhere(id, (x) => x.state === 'launched');
    const resultsJson = {
      lava: {
        'login-action': { result: 'pass' },
        'ltp-smoke': { result: 'fail' },
        job: { result: 'pass' },
      },
      'ltp-smoke': {
        access01: { result: 'pass' },
        chdir01: { result: 'fail' },
        fcntl_locktests: { result: 'skip' },
      },
    };
    expect(
      await tux.completeTest(r.runner_job_id ?? '', {
        result: 'fail',
        results: { boot: 'pass', 'ltp-smoke': 'fail' },
        resultsJson,
      }),
    ).toBe(200);
    const done = await runWhere(id, (x) => x.kcidb.counts['submitted'] === 4);
    expect(done.state).toBe('finished');
    const tests = kcidb.allTests().filter((t) => (t['misc'] as { run_id?: string }).run_id === id);
    const byPath = Object.fromEntries(tests.map((t) => [t['path'], t['status']]));
    expect(byPath).toEqual({
      boot: 'PASS',
      'ltp.smoke.access01': 'PASS',
      'ltp.smoke.chdir01': 'FAIL',
      'ltp.smoke.fcntl_locktests': 'SKIP',
    });
    for (const t of tests) expect(t['log_url']).toMatch(/logs\.txt$/);
  });

  it('boots on LAVA: the callback is trusted by run URL, lab token and job id, and boot reaches KCIDB', async () => {
    const id = await launch('/boot-test/run', {
      runner: 'lava',
      build_id: 'maestro:lavaboot',
      kernel_image_url: 'https://storage.example.org/Image',
    });
    const r = await runWhere(id, (x) => x.state === 'launched');
    const job = lava.job(Number(r.runner_job_id));
    expect(job.definition).not.toContain(LAVA_CALLBACK_SECRET);
    expect(
      await lava.completeJob(job.id, {
        health: 'Complete',
        results: {
          lava: [
            { name: 'login-action', result: 'pass' },
            { name: 'job', result: 'pass' },
          ],
        },
      }),
    ).toBe(200);
    await runWhere(id, (x) => x.state === 'finished' && x.kcidb.counts['submitted'] === 1);
    const boot = kcidb.allTests().find((t) => (t['misc'] as { run_id?: string }).run_id === id);
    expect(boot).toMatchObject({ path: 'boot', status: 'PASS', build_id: 'maestro:lavaboot' });
  });

  it('finds the result of a run whose callback never came, by polling the runner', async () => {
    const id = await launch('/boot-test/run', {
      runner: 'tuxsuite',
      build_id: 'maestro:lost',
      kernel_image_url: 'https://example.org/Image.gz',
    });
    const r = await runWhere(id, (x) => x.state === 'launched');
    await tux.completeTest(r.runner_job_id ?? '', {
      result: 'pass',
      results: { boot: 'pass' },
      skipCallback: true,
    });
    const done = await runWhere(
      id,
      (x) => x.state === 'finished' && x.kcidb.counts['submitted'] === 1,
      30_000,
    );
    expect(done.kcidb.objects[0]?.kind).toBe('tests');
  });

  it('ends a run the runner refuses as an error result, never silently', async () => {
    tux.failNext(400, 1, { message: 'unsupported toolchain' });
    const id = await launch('/builds/run', { ...BUILD, toolchain: 'gcc-8' });
    const failed = await runWhere(
      id,
      (x) => x.state === 'failed' && x.kcidb.counts['submitted'] === 2,
    );
    expect(failed.reason).toMatch(/tuxsuite refused the run/);
    const build = kcidb
      .objects('builds')
      .find((b) => (b['misc'] as { run_id?: string }).run_id === id);
    expect(build).toMatchObject({ status: 'MISS' });
  });

  it('runs tests on LAVA: one KCIDB test per case from the callback results', async () => {
    const id = await launch('/tests/run', {
      runner: 'lava',
      build_id: 'maestro:lavatests',
      kernel_image_url: 'https://storage.example.org/Image',
      tests: ['kselftest-timers'],
      collection: 'kselftest',
    });
    const r = await runWhere(id, (x) => x.state === 'launched');
    const status = await lava.completeJob(Number(r.runner_job_id), {
      health: 'Complete',
      results: {
        lava: [
          { name: 'login-action', result: 'pass' },
          { name: 'job', result: 'pass' },
        ],
        '1_kselftest-timers': [
          { name: 'posix_timers', result: 'pass' },
          { name: 'nanosleep', result: 'fail' },
        ],
      },
    });
    expect(status).toBe(200);
    await runWhere(id, (x) => x.state === 'finished' && x.kcidb.counts['submitted'] === 3);
    const byPath = Object.fromEntries(
      kcidb
        .allTests()
        .filter((t) => (t['misc'] as { run_id?: string }).run_id === id)
        .map((t) => [t['path'], t['status']]),
    );
    expect(byPath).toEqual({
      boot: 'PASS',
      'kselftest.timers.posix_timers': 'PASS',
      'kselftest.timers.nanosleep': 'FAIL',
    });
  });

  it('refuses a LAVA callback without the lab token (401) and changes nothing', async () => {
    const id = await launch('/boot-test/run', {
      runner: 'lava',
      build_id: 'maestro:forged',
      kernel_image_url: 'https://storage.example.org/Image',
    });
    await runWhere(id, (x) => x.state === 'launched');
    const forged = await fetch(`${stack.url('runner-orchestrator', `/callbacks/lava/${id}`)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'kci-bridge-callback' },
      body: JSON.stringify({ id: 1, health_string: 'Complete', state_string: 'Finished' }),
    });
    expect(forged.status).toBe(401);
    expect((await run(id))?.state).toBe('launched');
  });

  it('sent KCIDB only reports that validate against the upstream v5.3 schema', () => {
    expect(kcidb.submissions.length).toBeGreaterThan(0);
    for (const s of kcidb.submissions) {
      expect(validateUpstream(s.document), JSON.stringify(validateUpstream.errors)).toBe(true);
    }
  });
});
