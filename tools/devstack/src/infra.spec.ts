import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { configFrom } from './config/env.js';
import { DevstackError } from './errors.js';
import { ensureInfra, exportLines } from './infra.js';
import { memoryLogger } from './log.js';
import { repoRoot } from './paths.js';

// Against the PostgreSQL (127.0.0.1:5432) and NATS (127.0.0.1:4222) this machine runs already:
// `infra` must see them as reachable and start nothing. With allowStart false it could not start
// anything even if they were down; the test would then fail with the reason.
const base = mkdtempSync(join(tmpdir(), 'devstack-infra-'));
const stateDir = join(base, 'state');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('infra against the running servers', () => {
  it('detects both as reachable without starting anything', async () => {
    const config = configFrom(
      {
        // eslint-disable-next-line no-restricted-syntax -- psql is found on PATH like the CLI does
        PATH: process.env.PATH,
        KCI_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
        KCI_NATS_URL: 'nats://127.0.0.1:4222',
        KCI_STATE_DIR: stateDir,
      },
      repoRoot(),
    );
    const log = memoryLogger();
    const urls = await ensureInfra(config, log, { allowStart: false });
    expect(exportLines(urls)).toEqual([
      'export KCI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
      'export KCI_NATS_URL=nats://127.0.0.1:4222',
    ]);
    expect(log.lines).toEqual([
      'PostgreSQL reachable at postgres://postgres@127.0.0.1:5432/postgres',
      expect.stringMatching(
        /^NATS reachable at nats:\/\/127\.0\.0\.1:4222 \(nats-server .*, JetStream on\)$/,
      ),
    ]);
    expect(existsSync(stateDir)).toBe(false);
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

describe('infra with the nodes of a NATS cluster', () => {
  const clusterConfig = (natsUrl: string): ReturnType<typeof configFrom> =>
    configFrom(
      {
        // eslint-disable-next-line no-restricted-syntax -- psql is found on PATH like the CLI does
        PATH: process.env.PATH,
        KCI_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
        KCI_NATS_URL: natsUrl,
        KCI_STATE_DIR: stateDir,
      },
      repoRoot(),
    );

  it('checks every node, warns about one that is down, and starts none', async () => {
    const down = await closedPort();
    const config = clusterConfig(`nats://127.0.0.1:4222,nats://127.0.0.1:${down}`);
    const log = memoryLogger();
    const urls = await ensureInfra(config, log, { allowStart: true });
    expect(urls.natsUrl).toBe(`nats://127.0.0.1:4222,nats://127.0.0.1:${down}`);
    expect(log.lines.slice(1)).toEqual([
      expect.stringMatching(
        /^NATS node nats:\/\/127\.0\.0\.1:4222 reachable \(nats-server .*, JetStream on\)$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^warning: NATS cluster: 1 of 2 nodes not reachable: nats://127\\.0\\.0\\.1:${down} `,
        ),
      ),
    ]);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('fails when no node answers, and starts none', async () => {
    const [a, b] = [await closedPort(), await closedPort()];
    const config = clusterConfig(`nats://127.0.0.1:${a},nats://127.0.0.1:${b}`);
    await expect(ensureInfra(config, memoryLogger(), { allowStart: true })).rejects.toThrow(
      DevstackError,
    );
    await expect(ensureInfra(config, memoryLogger(), { allowStart: true })).rejects.toThrow(
      /no node of the NATS cluster .* is reachable/,
    );
    expect(existsSync(stateDir)).toBe(false);
  });
});
