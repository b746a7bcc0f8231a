import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFrom } from './config/env.js';
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
