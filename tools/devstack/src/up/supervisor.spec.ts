import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../log.js';
import { sleep } from '../net.js';
import { isReady, waitForReady } from './readiness.js';
import type { ServiceSpec } from './supervisor.js';
import { Supervisor } from './supervisor.js';

// A stand-in for a service: answers /health/ready, logs JSON lines, and misbehaves on request.
const FAKE_SERVICE = `
import { createServer } from 'node:http';
const port = Number(process.env.KCI_HTTP_PORT);
const mode = process.env.FAKE_MODE ?? 'ok';
if (mode === 'crash') { console.log(JSON.stringify({ msg: 'crashing' })); process.exit(3); }
const server = createServer((req, res) => { res.statusCode = req.url === '/health/ready' ? 200 : 404; res.end(); });
server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'listening', port })));
console.error('to stderr');
process.on('SIGTERM', () => {
  if (mode === 'stubborn') return;
  server.close(() => process.exit(0));
});
`;

let dir: string;
let script: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'devstack-supervisor-'));
  script = join(dir, 'fake-service.mjs');
  writeFileSync(script, FAKE_SERVICE);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function spec(name: string, port: number, mode = 'ok'): ServiceSpec {
  return {
    name,
    command: process.execPath,
    args: [script],
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', KCI_HTTP_PORT: String(port), FAKE_MODE: mode },
  };
}

function readPids(file: string): Record<string, number> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

const fastPolicy = { maxRestarts: 2, windowMs: 60_000, baseDelayMs: 20, maxDelayMs: 50 };

describe('Supervisor', () => {
  it('starts services, prefixes their lines, restarts one that is killed and stops them all', async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    const out = new PassThrough();
    const err = new PassThrough();
    let printed = '';
    out.setEncoding('utf8').on('data', (c: string) => (printed += c));
    err.resume();
    const pidsFile = join(dir, 'up.pids.json');
    const supervisor = new Supervisor({
      services: [spec('alpha', p1), spec('beta', p2)],
      log: memoryLogger(),
      pidsFile,
      policy: fastPolicy,
      stdout: out,
      stderr: err,
    });
    supervisor.start();
    expect(
      await waitForReady(
        [
          { name: 'alpha', port: p1 },
          { name: 'beta', port: p2 },
        ],
        10_000,
      ),
    ).toEqual([]);

    const before = readPids(pidsFile);
    expect(Object.keys(before).sort()).toEqual(['alpha', 'beta']);
    await until(() => printed.includes('[alpha] {"msg":"listening"'));
    expect(printed).toContain(`[beta] {"msg":"listening","port":${p2}}`);

    const killed = before.alpha ?? 0;
    process.kill(killed, 'SIGKILL');
    await until(() => {
      const now = readPids(pidsFile).alpha;
      return now !== undefined && now !== killed;
    });
    await until(() => isReady(p1));

    await supervisor.stop();
    expect(await supervisor.finished).toEqual({ kind: 'stopped' });
    expect(existsSync(pidsFile)).toBe(false);
    expect(await isReady(p1)).toBe(false);
    expect(await isReady(p2)).toBe(false);
  });

  it('gives up on a service that keeps dying, and stops the others', async () => {
    const log = memoryLogger();
    const port = await freePort();
    const other = await freePort();
    const supervisor = new Supervisor({
      services: [spec('crashy', port, 'crash'), spec('fine', other)],
      log,
      pidsFile: join(dir, 'crash.pids.json'),
      policy: fastPolicy,
      stdout: new PassThrough().resume(),
      stderr: new PassThrough().resume(),
    });
    supervisor.start();
    const outcome = await supervisor.finished;
    expect(outcome).toMatchObject({ kind: 'gave-up', service: 'crashy' });
    expect(log.lines.filter((l) => l.includes('crashy died unexpectedly'))).toHaveLength(2);
    expect(log.lines.some((l) => l.includes('giving up') && l.includes('{"msg":"crashing"}'))).toBe(
      true,
    );
    expect(await isReady(other)).toBe(false);
  });

  it('SIGKILLs a service that ignores SIGTERM after the grace period', async () => {
    const port = await freePort();
    const log = memoryLogger();
    const supervisor = new Supervisor({
      services: [spec('stubborn', port, 'stubborn')],
      log,
      pidsFile: join(dir, 'stubborn.pids.json'),
      stopGraceMs: 300,
      stdout: new PassThrough().resume(),
      stderr: new PassThrough().resume(),
    });
    supervisor.start();
    expect(await waitForReady([{ name: 'stubborn', port }], 10_000)).toEqual([]);
    await supervisor.stop();
    expect(
      log.lines.some((l) => l.includes('stubborn did not stop') && l.includes('SIGKILL')),
    ).toBe(true);
    expect(await isReady(port)).toBe(false);
  });

  it('writes output to <logDir>/<service>.log when asked', async () => {
    const port = await freePort();
    const logDir = join(dir, 'logs');
    const supervisor = new Supervisor({
      services: [spec('quiet', port)],
      log: memoryLogger(),
      pidsFile: join(dir, 'quiet.pids.json'),
      logDir,
    });
    supervisor.start();
    expect(await waitForReady([{ name: 'quiet', port }], 10_000)).toEqual([]);
    await until(() => supervisor.tail('quiet').length >= 2);
    await supervisor.stop();
    const text = readFileSync(join(logDir, 'quiet.log'), 'utf8');
    expect(text).toContain(`{"msg":"listening","port":${port}}\n`);
    expect(text).toContain('to stderr\n');
    expect(text).not.toContain('[quiet]');
  });
});
