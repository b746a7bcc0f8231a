import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestSpec } from '../runner-adapter.js';
import { LavaAdapter } from './lava.adapter.js';
import type { LavaSettings } from './lava.settings.js';
import { refusal } from '../../../test/adapter-specs.js';
import { startScriptedServer } from '../../../../../test/fakes/http-fake.js';

// Answers FakeLava does not give (the protocol is tested against it in lava.client.spec.ts): the
// results export `GET /jobs/{id}/yaml/`, a 201 without job ids, a lab that is slow. A plain
// node:http server stands in.

const RUN_ID = '0b6f1c7e-8d5e-4f3a-9a51-2f0c1e4b7d10';
const TARGET = { url: `https://bridge.example/callbacks/lava/${RUN_ID}`, secret: 'unused' };
const SPEC: TestSpec = {
  runId: RUN_ID,
  kind: 'boot',
  device: 'qemu-riscv64',
  kernelImageUrl: 'https://storage.example/builds/1/Image.gz',
  tests: [],
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function lab(answer: Parameters<typeof startScriptedServer>[0], timeoutMs = 2000) {
  const server = await startScriptedServer(answer);
  close = server.close;
  const settings: LavaSettings = {
    url: `${server.url}/`,
    token: 'rest-token',
    callbackTokenDescription: 'kci-bridge-callback',
    callbackTokenValue: 'a-long-callback-token-value',
    deviceTypes: { 'qemu-riscv64': 'qemu' },
    timeoutMs,
  };
  return { adapter: new LavaAdapter(settings), received: server.received, url: server.url };
}

describe('LAVA answers the fake does not give', () => {
  it('reads the results export of a finished job, grouped by suite', async () => {
    const cases = [
      { name: 'job', suite: 'lava', result: 'pass', metadata: { definition: 'lava' } },
      { name: 'chdir01', suite: '1_ltp-smoke', result: 'pass' },
    ];
    const { adapter, received, url } = await lab((r) =>
      r.path.endsWith('/yaml/')
        ? { status: 200, body: stringify(cases) }
        : {
            status: 200,
            body: {
              id: 42,
              state: 'Finished',
              health: 'Complete',
              start_time: '2024-05-02T10:00:00Z',
              end_time: '2024-05-02T10:01:00Z',
            },
          },
    );
    const job = await adapter.fetchStatus('tests', '42');
    expect(job).toMatchObject({
      state: 'finished',
      result: {
        runnerResult: 'Complete',
        logUrl: `${url}/scheduler/job/42/log_file/plain`,
        durationSeconds: 60,
      },
    });
    const suites = job.state === 'finished' ? Object.keys(job.result.inlineResults ?? {}) : [];
    expect(suites).toEqual(['lava', '1_ltp-smoke']);
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v0.2/jobs/42/',
      'GET /api/v0.2/jobs/42/yaml/',
    ]);
  });

  it('refuses a 201 without job ids as not retryable (the job may exist)', async () => {
    const { adapter } = await lab(() => ({ status: 201, body: { job_ids: [] } }));
    const err = await refusal(adapter.launchTests(SPEC, TARGET));
    expect(err).toMatchObject({ retryable: false });
    expect(err.message).toMatch(/without a job id/);
  });

  it('takes a timeout as retryable', async () => {
    const { adapter } = await lab(
      () => ({ status: 201, body: { job_ids: [1] }, delayMs: 1000 }),
      100,
    );
    const err = await refusal(adapter.launchTests(SPEC, TARGET));
    expect(err).toMatchObject({ retryable: true });
    expect(err.message).toMatch(/within 100 ms/);
  });
});
