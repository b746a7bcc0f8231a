import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, runService } from '@kci-bridge/service-kit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isolation } from '../../../../test/support/isolation.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/env.js';
import { configureGateway } from '../../src/http.js';

// This test stops a NATS server, so it starts its own on a free port (never the shared one).
const iso = isolation('gateway_outage');
const ADMIN = 'kcib_test_admin_token_for_the_outage_test';
let natsPort: number;
let nats: ChildProcess | undefined;
const store = mkdtempSync(join(tmpdir(), 'kci-gw-nats-'));
let app: NestFastifyApplication;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = new Socket();
    sock.once('connect', () => (sock.destroy(), res(true)));
    sock.once('error', () => res(false));
    sock.connect(port, '127.0.0.1');
  });
}

async function startNats(): Promise<void> {
  nats = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', store], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(await portOpen(natsPort)); i++)
    await new Promise((r) => setTimeout(r, 50));
}

async function stopNats(): Promise<void> {
  const child = nats;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const submission = {
  test_uid: 'outage',
  build_id: 'maestro:abc',
  tests: [{ test_name: 'boot', test_collection: 'boot', result: 'PASS' }],
};

const post = (): Promise<Response> =>
  fetch(`${base}/api/v1/tests/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify(submission),
    signal: AbortSignal.timeout(15_000),
  });

beforeAll(async () => {
  natsPort = await freePort();
  await startNats();
  const config = loadConfig({
    KCI_DATABASE_URL: inject('databaseUrl'),
    KCI_NATS_URL: `nats://127.0.0.1:${natsPort}`,
    KCI_DB_SCHEMA_PREFIX: iso.schemaPrefix,
    KCI_NATS_STREAM: iso.stream,
    KCI_SUBJECT_PREFIX: iso.prefix,
    KCI_HTTP_PORT: '0',
    KCI_ADMIN_TOKEN: ADMIN,
  });
  const logger = createLogger('gateway', 'silent');
  app = await runService({
    settings: config.service,
    logger,
    module: AppModule.forRoot(config, logger),
    bodyParser: false,
    configure: (a) => configureGateway(a, config, logger),
  });
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await stopNats();
  rmSync(store, { recursive: true, force: true });
});

describe('gateway while NATS is down', () => {
  it('accepts (202) only what JetStream stored, answers 503 at once while NATS is down, and recovers', async () => {
    expect((await post()).status).toBe(202);

    await stopNats();
    const started = Date.now();
    const down = await post();
    expect(down.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(await down.json()).toMatchObject({ code: 'messaging_unavailable' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { problems: Record<string, string> }).problems).toHaveProperty(
      'nats',
    );

    await startNats();
    let status = 0;
    for (let i = 0; i < 100 && status !== 202; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await post()).status;
    }
    expect(status).toBe(202);
  });
});
