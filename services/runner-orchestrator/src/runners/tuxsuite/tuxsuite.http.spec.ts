import { afterEach, describe, expect, it } from 'vitest';
import type { BuildSpec, TestSpec } from '../runner-adapter.js';
import { TuxsuiteAdapter } from './tuxsuite.adapter.js';
import { refusal } from '../../../test/adapter-specs.js';
import { startScriptedServer } from '../../../../../test/fakes/http-fake.js';

// Answers FakeTuxsuite does not give (the protocol is tested against it in tuxsuite.client.spec.ts):
// a 2xx without a uid, an API that is slow or gone. A plain node:http server stands in.

const UID = '2ZITcwA6wxeKxh9cZA5HBJ6FkSj';
const RUN_ID = '0b6f1c7e-8d5e-4f3a-9a51-2f0c1e4b7d10';
const TARGET = { url: `https://bridge.example/callbacks/tuxsuite/${RUN_ID}`, secret: 's' };
const BUILD: BuildSpec = {
  runId: RUN_ID,
  tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git',
  branch: 'master',
  arch: 'riscv',
  toolchain: 'gcc-12',
  kconfig: ['defconfig'],
};
const TESTS: TestSpec = {
  runId: RUN_ID,
  kind: 'boot',
  device: 'qemu-riscv64',
  kernelImageUrl: `https://storage.tuxsuite.com/public/g/p/builds/${UID}/Image.gz`,
  tests: [],
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function tuxsuite(answer: Parameters<typeof startScriptedServer>[0], timeoutMs = 2000) {
  const server = await startScriptedServer(answer);
  close = server.close;
  const settings = { apiUrl: server.url, token: 't', group: 'g', project: 'p', timeoutMs };
  return { adapter: new TuxsuiteAdapter(settings), url: server.url };
}

describe('TuxSuite answers the fake does not give', () => {
  it('refuses an answer without a uid as not retryable (a retry could start a second job)', async () => {
    const { adapter } = await tuxsuite(() => ({ status: 201, body: [{}] }));
    expect(await refusal(adapter.launchTests(TESTS, TARGET))).toMatchObject({ retryable: false });
    expect(await refusal(adapter.launchBuild(BUILD, TARGET))).toMatchObject({ retryable: false });
  });

  it('takes a 2xx that is not JSON as retryable when reading a status', async () => {
    const { adapter } = await tuxsuite(() => ({ status: 200, body: '<html>maintenance</html>' }));
    expect(await refusal(adapter.fetchStatus('build', UID))).toMatchObject({ retryable: true });
  });

  it('does not retry a launch accepted with a 2xx that is not JSON (it may have started a job)', async () => {
    const { adapter } = await tuxsuite(() => ({ status: 201, body: '<html>accepted</html>' }));
    const build = await refusal(adapter.launchBuild(BUILD, TARGET));
    expect(build).toMatchObject({ retryable: false, httpStatus: 201 });
    expect(build.message).toMatch(/no job id.*second job/);
    expect(await refusal(adapter.launchTests(TESTS, TARGET))).toMatchObject({ retryable: false });
  });

  it('takes a timeout and an unreachable API as retryable', async () => {
    const slow = await tuxsuite(() => ({ status: 201, body: [{ uid: UID }], delayMs: 1000 }), 100);
    const late = await refusal(slow.adapter.launchBuild(BUILD, TARGET));
    expect(late).toMatchObject({ retryable: true });
    expect(late.message).toMatch(/within 100 ms/);
    await close?.();
    close = undefined;
    const gone = new TuxsuiteAdapter({
      apiUrl: slow.url,
      token: 't',
      group: 'g',
      project: 'p',
      timeoutMs: 1000,
    });
    const err = await refusal(gone.launchBuild(BUILD, TARGET));
    expect(err).toMatchObject({ retryable: true });
    expect(err.message).toMatch(/could not reach TuxSuite: ECONNREFUSED/);
  });
});
