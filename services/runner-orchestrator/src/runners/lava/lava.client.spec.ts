import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeLava } from '../../../../../test/fakes/lava/fake-lava.js';
import type { TestSpec } from '../runner-adapter.js';
import {
  finished,
  refusal,
  startCallbackReceiver,
  type CallbackReceiver,
} from '../../../test/adapter-specs.js';
import { LavaAdapter } from './lava.adapter.js';
import type { LavaSettings } from './lava.settings.js';

// The adapter against FakeLava (test/fakes/lava): real HTTP both ways, job definitions checked by
// the fake's schema, notify callbacks sent as LAVA sends them, and a receiver that answers with
// what verifyCallback decided.

const DESCRIPTION = 'kci-bridge-callback';
const VALUE = 'f2b8c4d6e8a0b2c4d6e8f0a2b4c6d8e0';

describe('LavaAdapter against FakeLava', () => {
  let fake: FakeLava;
  let receiver: CallbackReceiver;
  let settings: LavaSettings;
  let adapter: LavaAdapter;
  let n = 0;

  beforeAll(async () => {
    fake = await FakeLava.start({ callbackTokens: { [DESCRIPTION]: VALUE } });
    settings = {
      url: fake.url,
      token: fake.token,
      callbackTokenDescription: DESCRIPTION,
      callbackTokenValue: VALUE,
      deviceTypes: {
        'qemu-riscv64': 'qemu',
        'sun50i-h6-pine-h64': 'sun50i-h6-pine-h64',
        'hifive-unleashed-a00': 'hifive-unleashed-a00',
      },
      timeoutMs: 5000,
    };
    adapter = new LavaAdapter(settings);
    receiver = await startCallbackReceiver(() => adapter);
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });
  beforeEach(() => {
    fake.reset();
    adapter = new LavaAdapter(settings);
  });

  async function launch(over: Partial<TestSpec> = {}): Promise<{ runId: string; id: string }> {
    n += 1;
    const runId = `0b6f1c7e-8d5e-4f3a-9a51-${String(n).padStart(12, '0')}`;
    receiver.runs.set(runId, { runId, jobId: null, secret: 'unused' });
    const spec: TestSpec = {
      runId,
      kind: 'tests',
      device: 'qemu-riscv64',
      kernelImageUrl: 'https://storage.tuxsuite.com/public/riscv/kci/builds/x/Image.gz',
      modulesUrl: 'https://storage.tuxsuite.com/public/riscv/kci/builds/x/modules.tar.xz',
      tests: ['boot', 'ltp-smoke', 'kselftest-timers'],
      ...over,
    };
    const url = `${receiver.url}/callbacks/lava/${runId}`;
    const { jobId } = await adapter.launchTests(spec, { url, secret: 'unused' });
    receiver.runs.set(runId, { runId, jobId, secret: 'unused' });
    return { runId, id: jobId };
  }

  it('submits a job the fake accepts, with the REST token, and reads its callback', async () => {
    const { runId, id } = await launch();
    const job = fake.job(Number(id));
    expect(job.submittedAuth).toBe(`Token ${fake.token}`);
    expect(job.parsed).toMatchObject({ device_type: 'qemu', metadata: { kci_run_id: runId } });
    expect(await fake.completeJob(Number(id), { health: 'Complete' })).toBe(200);
    const result = finished(receiver.outcomes.at(-1));
    expect(result).toMatchObject({ runnerResult: 'Complete', infrastructureError: false });
    expect(Object.keys(result.inlineResults ?? {})).toContain('lava');
    expect(result.logUrl).toBe(`${fake.url}/scheduler/job/${id}/log_file/plain`);
    expect(result.startedAt).toMatch(/\+00:00$|Z$/);
  });

  it('renders every shipped template into a job the fake accepts', async () => {
    for (const device of ['qemu-riscv64', 'sun50i-h6-pine-h64']) {
      const { id } = await launch({ device, kind: 'boot', tests: [] });
      expect(fake.job(Number(id)).parsed.device_type).toBe(
        device === 'qemu-riscv64' ? 'qemu' : device,
      );
    }
    // The fake's lab has no HiFive Unleashed: LAVA's own answer, and not worth retrying.
    const err = await refusal(launch({ device: 'hifive-unleashed-a00' }));
    expect(err).toMatchObject({ retryable: false, httpStatus: 400 });
    expect(err.message).toMatch(/Specified device or device type not found/);
  });

  it('maps Incomplete (infrastructure) and Canceled as the lab failing', async () => {
    const first = await launch();
    expect(await fake.completeJob(Number(first.id), { health: 'Incomplete' })).toBe(200);
    expect(finished(receiver.outcomes.at(-1))).toMatchObject({
      runnerResult: 'Incomplete',
      infrastructureError: true,
    });
    const second = await launch();
    expect(await fake.completeJob(Number(second.id), { health: 'Canceled' })).toBe(200);
    expect(finished(receiver.outcomes.at(-1))).toMatchObject({ runnerResult: 'Canceled' });
  });

  it('refuses the callback when the lab sends the description (no such token) or another value', async () => {
    const { id } = await launch();
    adapter = new LavaAdapter({ ...settings, callbackTokenDescription: 'kci-bridge-misnamed' });
    const { id: misnamed } = await launch();
    expect(await fake.completeJob(Number(misnamed), { health: 'Complete' })).toBe(401);
    const said = receiver.outcomes.at(-1);
    expect(said?.verified ? '' : said?.reason).toMatch(/sent the token description/);
    adapter = new LavaAdapter({
      ...settings,
      callbackTokenValue: 'another-value-of-32-characters!!',
    });
    expect(await fake.completeJob(Number(id), { health: 'Complete' })).toBe(401);
  });

  it('polls a job whose callback never comes', async () => {
    const { id } = await launch();
    expect(await adapter.fetchStatus('tests', id)).toEqual({ state: 'queued' });
    await fake.startJob(Number(id));
    expect(await adapter.fetchStatus('tests', id)).toEqual({ state: 'running' });
    await fake.completeJob(Number(id), { health: 'Incomplete', skipCallback: true });
    expect(await adapter.fetchStatus('tests', id)).toMatchObject({
      state: 'finished',
      result: { runnerResult: 'Incomplete' },
    });
  });

  it('maps refusals and outages to RunnerError', async () => {
    fake.failNext(500);
    expect(await refusal(launch())).toMatchObject({ retryable: true, httpStatus: 500 });
    fake.failNext(429);
    expect(await refusal(launch())).toMatchObject({ retryable: true, httpStatus: 429 });
    fake.failNext(403, 1, { message: 'Invalid token.' });
    expect(await refusal(launch())).toMatchObject({ retryable: false, httpStatus: 403 });
    expect(await refusal(adapter.fetchStatus('tests', '999999'))).toMatchObject({
      retryable: false,
      httpStatus: 404,
    });
  });
});
