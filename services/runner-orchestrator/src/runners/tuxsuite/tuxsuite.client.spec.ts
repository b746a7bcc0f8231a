import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeTuxsuite } from '../../../../../test/fakes/tuxsuite/fake-tuxsuite.js';
import type { TestSpec } from '../runner-adapter.js';
import {
  finished,
  refusal,
  startCallbackReceiver,
  type CallbackReceiver,
} from '../../../test/adapter-specs.js';
import { TuxsuiteAdapter } from './tuxsuite.adapter.js';

// The adapter against FakeTuxsuite (test/fakes/tuxsuite): real HTTP both ways, signed callbacks
// with TuxSuite's quirks, and a receiver that answers with what verifyCallback decided.

describe.each([
  { signing: true, how: 'a signing group (public key configured)' },
  { signing: false, how: 'a community account (per-run secret)' },
])('TuxsuiteAdapter against FakeTuxsuite, $how', ({ signing }) => {
  let fake: FakeTuxsuite;
  let adapter: TuxsuiteAdapter;
  let receiver: CallbackReceiver;
  let n = 0;

  beforeAll(async () => {
    fake = await FakeTuxsuite.start({ group: 'riscv', project: 'kci', signing });
    adapter = new TuxsuiteAdapter({
      apiUrl: fake.url,
      token: fake.token,
      group: 'riscv',
      project: 'kci',
      ...(signing ? { publicKey: fake.publicKeySsh } : {}),
      timeoutMs: 5000,
    });
    receiver = await startCallbackReceiver(() => adapter);
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });
  beforeEach(() => fake.reset());

  /** A run id, its callback target, and the run as the orchestrator would know it once launched. */
  function newRun(): { runId: string; target: { url: string; secret: string } } {
    n += 1;
    const runId = `0b6f1c7e-8d5e-4f3a-9a51-${String(n).padStart(12, '0')}`;
    const secret = `secret-${runId}`;
    receiver.runs.set(runId, { runId, jobId: null, secret });
    return { runId, target: { url: `${receiver.url}/callbacks/tuxsuite/${runId}`, secret } };
  }
  function launched(runId: string, jobId: string): void {
    const run = receiver.runs.get(runId);
    if (run) receiver.runs.set(runId, { ...run, jobId });
  }

  async function build(): Promise<{ runId: string; uid: string }> {
    const { runId, target } = newRun();
    const { jobId } = await adapter.launchBuild(
      {
        runId,
        tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/riscv/linux.git',
        branch: 'for-next',
        arch: 'riscv',
        toolchain: 'gcc-13',
        kconfig: ['defconfig', 'CONFIG_KASAN=y'],
      },
      target,
    );
    launched(runId, jobId);
    return { runId, uid: jobId };
  }

  it('launches a build the fake accepts, and reads its signed callback', async () => {
    const { runId, uid } = await build();
    expect(fake.run(uid).request).toMatchObject({
      client_token: runId,
      git_ref: 'for-next',
      kconfig: ['defconfig', 'CONFIG_KASAN=y'],
    });
    expect(fake.requests[0]?.headers.authorization).toBe(fake.token);
    expect(await fake.completeBuild(uid, { result: 'pass' })).toBe(200);
    const result = finished(receiver.outcomes.at(-1));
    expect(result).toMatchObject({ runnerResult: 'pass', infrastructureError: false });
    const kernel = await fetch(result.artifacts?.kernelImageUrl ?? '', {
      signal: AbortSignal.timeout(5000),
    });
    expect(kernel.status).toBe(200);
    expect(result.artifacts?.modulesUrl).toMatch(/modules\.tar\.xz$/);
    expect(result.startedAt).toMatch(/Z$/);
  });

  it("accepts the \\' escapes and the double-encoded body, and refuses a tampered one", async () => {
    const first = await build();
    expect(await fake.completeBuild(first.uid, { result: 'fail', invalidEscapes: true })).toBe(200);
    const result = finished(receiver.outcomes.at(-1));
    expect(result).toMatchObject({ runnerResult: 'fail', infrastructureError: false });
    expect(result.status.git_short_log).toContain(`'riscv-for-linus-6.9'`);
    const second = await build();
    expect(await fake.completeBuild(second.uid, { result: 'error', doubleEncoded: true })).toBe(
      200,
    );
    expect(finished(receiver.outcomes.at(-1))).toMatchObject({ infrastructureError: true });
    if (signing) {
      const third = await build();
      expect(await fake.completeBuild(third.uid, { result: 'pass', tamper: true })).toBe(401);
    }
  });

  it("refuses a genuine callback replayed to another run's URL", async () => {
    const { uid } = await build();
    const other = newRun();
    launched(other.runId, 'someOtherUidsomeOtherUid123');
    fake.run(uid).request.callback = other.target.url;
    const status = await fake.completeBuild(uid, { result: 'pass' });
    // Signed: the signature is fine but the job is not the run's (403). Secret: the secret is not.
    expect(status).toBe(signing ? 403 : 401);
  });

  it('launches tests and boots, and points at results.json and logs.txt', async () => {
    const { runId, target } = newRun();
    const spec: TestSpec = {
      runId,
      kind: 'tests',
      device: 'qemu-riscv64',
      kernelImageUrl: 'https://storage.tuxsuite.com/public/riscv/kci/builds/x/Image.gz',
      tests: ['boot', 'ltp-smoke'],
    };
    const { jobId } = await adapter.launchTests(spec, target);
    launched(runId, jobId);
    expect(fake.run(jobId).status.tests).toEqual(['boot', 'ltp-smoke']);
    expect(await fake.completeTest(jobId, { result: 'fail' })).toBe(200);
    const result = finished(receiver.outcomes.at(-1));
    expect(result).toMatchObject({ runnerResult: 'fail', infrastructureError: false });
    const results = await fetch(result.resultsUrl ?? '', { signal: AbortSignal.timeout(5000) });
    expect(results.status).toBe(200);
    expect(Object.keys((await results.json()) as object)).toContain('lava');
  });

  it('polls a job whose callback never comes', async () => {
    const { uid } = await build();
    expect(await adapter.fetchStatus('build', uid)).toEqual({ state: 'queued' });
    fake.startRun(uid);
    expect(await adapter.fetchStatus('build', uid)).toEqual({ state: 'running' });
    expect(
      await fake.completeBuild(uid, { result: 'canceled', skipCallback: true }),
    ).toBeUndefined();
    expect(await adapter.fetchStatus('build', uid)).toMatchObject({
      state: 'finished',
      result: { runnerResult: 'canceled', infrastructureError: true },
    });
  });

  it('maps refusals and outages to RunnerError', async () => {
    fake.failNext(403, 1, { message: 'Quota exceeded for this month' });
    const quota = await refusal(build());
    expect(quota).toMatchObject({ retryable: false, httpStatus: 403 });
    expect(quota.message).toMatch(/Quota exceeded for this month/);
    fake.failNext(500);
    expect(await refusal(build())).toMatchObject({ retryable: true, httpStatus: 500 });
    fake.failNext(429, 1, { retryAfterSeconds: 1 });
    expect(await refusal(build())).toMatchObject({ retryable: true, httpStatus: 429 });
    expect(await refusal(adapter.fetchStatus('tests', 'notAnyUidTheFakeKnowsAbout'))).toMatchObject(
      {
        retryable: false,
        httpStatus: 404,
      },
    );
  });
});
