import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createLogger, Database } from '@kci-bridge/service-kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isolation } from '../../../../test/support/isolation.js';
import { migrations } from '../../src/migrations/index.js';
import { IdempotencyRepository } from '../../src/runs/idempotency.repository.js';

const iso = isolation('gateway_idempotency');
const HOUR = 3_600_000;
let db: Database;
let keys: IdempotencyRepository;

async function age(key: string, ms: number): Promise<void> {
  await db.execute(
    `update idempotency_keys set created_at = now() - (? * interval '1 millisecond') where key = ?`,
    [ms, key],
  );
}

async function stored(): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(`select key from idempotency_keys order by key`);
  return rows.map((r) => r.key);
}

beforeAll(async () => {
  db = await Database.open({
    url: inject('databaseUrl'),
    schema: `${iso.schemaPrefix}gateway`,
    poolMax: 2,
    entities: [],
    migrations,
    logger: createLogger('gateway', 'silent'),
  });
  keys = new IdempotencyRepository(db);
});

afterAll(async () => {
  await db?.close();
});

describe('idempotency reservations', () => {
  it('answers a repeat within the TTL with the first run, and a repeat after it with a new one', async () => {
    const key = `key:builds/run:${randomUUID()}`;
    const first = await keys.reserve(key, randomUUID(), 'h1', 24 * HOUR);
    expect(first.kind).toBe('new');
    const again = await keys.reserve(key, randomUUID(), 'h1', 24 * HOUR);
    expect(again).toMatchObject({ kind: 'existing', runId: first.runId });
    await age(key, 25 * HOUR);
    const later = await keys.reserve(key, randomUUID(), 'h1', 24 * HOUR);
    expect(later.kind).toBe('new');
    expect(later.runId).not.toBe(first.runId);
  });

  it('prunes Idempotency-Key reservations past the TTL and body ones past the window, nothing else', async () => {
    await db.execute(`delete from idempotency_keys`);
    const oldKey = `key:tests/run:old`;
    const freshKey = `key:tests/run:fresh`;
    const oldBody = `body:${'a'.repeat(64)}`;
    const freshBody = `body:${'b'.repeat(64)}`;
    for (const k of [oldKey, freshKey, oldBody, freshBody]) {
      await keys.reserve(k, randomUUID(), 'h', 24 * HOUR);
    }
    await age(oldKey, 25 * HOUR);
    await age(freshKey, 2 * HOUR); // older than the body window, younger than the TTL
    await age(oldBody, 11 * 60_000);

    expect(await keys.prune(24 * HOUR, 10 * 60_000)).toBe(2);
    expect(await stored()).toEqual([freshBody, freshKey].sort());
  });
});
