import { describe, expect, it } from 'vitest';
import type { IncomingCallback, KnownRun, TestSpec } from '../runner-adapter.js';
import { refusal } from '../../../test/adapter-specs.js';
import { LavaAdapter } from './lava.adapter.js';
import type { LavaSettings } from './lava.settings.js';
import { lavaCallbackBody, lavaLog } from './lava.testing.js';

const VALUE = '7f3c9a1e5b2d4c6a8e0f1b3d5c7a9e1f';
const settings: LavaSettings = {
  url: 'https://lava.example.org',
  token: 'rest-token',
  callbackTokenDescription: 'kci-bridge-callback',
  callbackTokenValue: VALUE,
  deviceTypes: { 'qemu-riscv64': 'qemu' },
  timeoutMs: 1000,
};
const noFetch: typeof fetch = () => Promise.reject(new Error('no HTTP in this test'));
const adapter = new LavaAdapter(settings, noFetch);
const run: KnownRun = { runId: 'run-1', jobId: '42', secret: 'unused-by-lava' };
const BODY = JSON.stringify(
  lavaCallbackBody(lavaLog('log-fail-4.yaml'), { id: 42, health: 'Incomplete' }),
);

function callback(headers: IncomingCallback['headers'], body = BODY): IncomingCallback {
  return {
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: Buffer.from(body),
  };
}

describe('LavaAdapter.verifyCallback', () => {
  it("accepts the lab token's value and maps the job", async () => {
    const outcome = await adapter.verifyCallback(run, callback({ authorization: VALUE }));
    expect(outcome).toMatchObject({
      verified: true,
      jobId: '42',
      job: {
        state: 'finished',
        result: {
          runnerResult: 'Incomplete',
          infrastructureError: false,
          logUrl: 'https://lava.example.org/scheduler/job/42/log_file/plain',
        },
      },
    });
  });

  it('refuses the token description LAVA sends when the token is mis-named, saying so', async () => {
    const outcome = await adapter.verifyCallback(
      run,
      callback({ authorization: 'kci-bridge-callback' }),
    );
    expect(outcome).toMatchObject({ verified: false, status: 401 });
    expect(outcome.verified ? '' : outcome.reason).toMatch(
      /description "kci-bridge-callback" instead of its value/,
    );
  });

  it('refuses a missing, wrong, prefixed or repeated token with 401', async () => {
    const wrong = VALUE.replace(/.$/, '0');
    for (const authorization of [
      undefined,
      wrong,
      `Token ${VALUE}`,
      VALUE.slice(1),
      [VALUE, VALUE],
    ]) {
      const outcome = await adapter.verifyCallback(run, callback({ authorization }));
      expect(outcome.verified ? 0 : outcome.status, JSON.stringify(authorization)).toBe(401);
    }
  });

  it('refuses a form body with 415: LAVA must be told content-type json', async () => {
    const form = callback(
      { authorization: VALUE, 'content-type': 'application/x-www-form-urlencoded' },
      'id=42',
    );
    expect(await adapter.verifyCallback(run, form)).toMatchObject({ verified: false, status: 415 });
    const none = { headers: { authorization: VALUE }, rawBody: Buffer.from(BODY) };
    expect(await adapter.verifyCallback(run, none)).toMatchObject({ verified: false, status: 415 });
    const charset = callback({
      authorization: VALUE,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(await adapter.verifyCallback(run, charset)).toMatchObject({ verified: true });
  });

  it('refuses bodies that are not a job with 400', async () => {
    for (const body of ['{"id": ', '[42]', '{"health_string": "Complete"}']) {
      expect(
        await adapter.verifyCallback(run, callback({ authorization: VALUE }, body)),
      ).toMatchObject({
        verified: false,
        status: 400,
      });
    }
  });

  it("refuses with 403 a callback about another job, or about another run's job", async () => {
    expect(
      await adapter.verifyCallback({ ...run, jobId: '41' }, callback({ authorization: VALUE })),
    ).toEqual({
      verified: false,
      status: 403,
      reason: "callback is about job 42, not this run's job (this run's job is 41)",
    });
    expect(
      await adapter.verifyCallback({ ...run, jobId: null }, callback({ authorization: VALUE })),
    ).toMatchObject({
      status: 403,
    });
    const other = { ...run, runId: 'run-2' };
    expect(await adapter.verifyCallback(other, callback({ authorization: VALUE }))).toMatchObject({
      status: 403,
      reason: 'job 42 was launched for run run-1',
    });
  });
});

describe('LavaAdapter launching', () => {
  const spec: TestSpec = {
    runId: 'run-1',
    kind: 'tests',
    device: 'qemu-riscv64',
    kernelImageUrl: 'https://storage.example/Image.gz',
    tests: ['ltp-smoke'],
  };
  const target = { url: 'https://bridge.example/callbacks/lava/run-1', secret: 's' };

  it('does not build kernels', async () => {
    const err = await refusal(adapter.launchBuild());
    expect(err).toMatchObject({
      runner: 'lava',
      retryable: false,
      message: 'LAVA does not build kernels',
    });
  });

  it('refuses a device the lab is not configured for, naming the configured ones', async () => {
    const err = await refusal(adapter.launchTests({ ...spec, device: 'qemu-arm64' }, target));
    expect(err).toMatchObject({ retryable: false });
    expect(err.message).toBe(
      'device "qemu-arm64" is not configured for LAVA (configured: qemu-riscv64)',
    );
  });

  it('refuses tests it has no definition for', async () => {
    const err = await refusal(
      adapter.launchTests({ ...spec, tests: ['boot', 'kunit', 'ltp-smoke'] }, target),
    );
    expect(err.message).toMatch(/no test definition for "kunit"/);
  });

  it('refuses a device with no template as a launch problem, not a crash', async () => {
    const lab = new LavaAdapter(
      { ...settings, deviceTypes: { 'beaglev-ahead': 'beaglev-ahead' } },
      noFetch,
    );
    const err = await refusal(lab.launchTests({ ...spec, device: 'beaglev-ahead' }, target));
    expect(err).toMatchObject({ retryable: false });
    expect(err.message).toMatch(
      /cannot make the LAVA job: no LAVA job template for device "beaglev-ahead"/,
    );
  });
});
