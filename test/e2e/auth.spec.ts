import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { isolatedStackEnv, isolation } from '../support/isolation.js';
import { REPO_ROOT, Stack } from './stack.js';

const run = promisify(execFile);

const iso = isolation('e2e_auth');
let kcidb: FakeKcidb;
let stack: Stack;

const SUBMISSION = {
  test_uid: 'auth',
  build_id: 'maestro:auth',
  tests: [{ test_name: 'boot', test_collection: 'boot', result: 'PASS' }],
};

async function call(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Response> {
  return fetch(stack.api(path), {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function createToken(
  name: string,
  origins: string[],
  scopes: string[],
): Promise<{ id: string; token: string }> {
  const res = await call('POST', '/admin/tokens', stack.apiToken, { name, origins, scopes });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; token: string };
}

beforeAll(async () => {
  kcidb = await FakeKcidb.start();
  stack = await Stack.start({
    ...isolatedStackEnv(iso, kcidb.restUrl, 'kci_auth'),
    KCI_SYNC_RATE_PER_MIN: '3',
  });
});

afterAll(async () => {
  await stack?.stop();
  await kcidb?.close();
});

describe('API tokens at the gateway', () => {
  it('refuses every /api/v1 call without a valid token (401), but not health', async () => {
    for (const [method, path] of [
      ['POST', '/tests/submit'],
      ['GET', '/submissions/00000000-0000-4000-8000-000000000000'],
      ['POST', '/sync/results'],
      ['POST', '/builds/run'],
      ['POST', '/kcidb/submit'],
      ['GET', '/admin/tokens'],
    ] as const) {
      const res = await call(method, path, undefined, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await call('POST', '/tests/submit', 'kcib_not_a_real_token', SUBMISSION)).status).toBe(
      401,
    );
    expect((await fetch(stack.url('gateway', '/health/ready'))).status).toBe(200);
  });

  it('creates, lists and revokes tokens; a token is shown once and stored only as a hash', async () => {
    const created = await createToken('ci-lab-1', ['kci_auth'], ['submit', 'read']);
    expect(created.token).toMatch(/^kcib_/);
    const list = (await (await call('GET', '/admin/tokens', stack.apiToken)).json()) as Array<
      Record<string, unknown>
    >;
    const mine = list.find((t) => t['id'] === created.id);
    expect(mine).toMatchObject({
      name: 'ci-lab-1',
      origins: ['kci_auth'],
      scopes: ['submit', 'read'],
      revoked_at: null,
    });
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect((await call('POST', '/tests/submit', created.token, SUBMISSION)).status).toBe(202);

    expect((await call('DELETE', `/admin/tokens/${created.id}`, stack.apiToken)).status).toBe(204);
    expect((await call('POST', '/tests/submit', created.token, SUBMISSION)).status).toBe(401);
  });

  it('enforces scopes and origins (403)', async () => {
    const reader = await createToken('reader', ['kci_auth'], ['read']);
    const submitOther = await createToken('other-origin', ['someone_else'], ['submit', 'run']);
    expect((await call('POST', '/tests/submit', reader.token, SUBMISSION)).status).toBe(403);
    expect((await call('GET', '/admin/tokens', reader.token)).status).toBe(403);
    const wrongOrigin = await call('POST', '/tests/submit', submitOther.token, SUBMISSION);
    expect(wrongOrigin.status).toBe(403);
    expect(((await wrongOrigin.json()) as { detail: string }).detail).toMatch(/origin "kci_auth"/);
    const report = {
      version: { major: 5, minor: 3 },
      checkouts: [{ id: 'maestro:ck1', origin: 'maestro' }],
    };
    expect((await call('POST', '/kcidb/submit', submitOther.token, report)).status).toBe(403);
  });

  it('rate-limits sync requests per token (429 with Retry-After)', async () => {
    const syncer = await createToken('syncer', ['kci_auth'], ['sync']);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/sync/results', syncer.token);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('kci-bridge token create|list|revoke manage tokens through the admin endpoints', async () => {
    const cli = (...args: string[]) =>
      run(
        process.execPath,
        [
          resolve(REPO_ROOT, 'cli/bin/kci-bridge.js'),
          'token',
          ...args,
          '--via',
          stack.url('gateway', ''),
        ],
        {
          env: {
            PATH: '/usr/bin:/bin',
            HOME: '/nonexistent',
            KCI_BRIDGE_TOKEN: stack.apiToken ?? '',
          },
        },
      );
    const created = await cli(
      'create',
      '--name',
      'from-cli',
      '--origin',
      'kci_auth',
      '--scope',
      'submit',
    );
    const token = created.stdout.trim();
    expect(token).toMatch(/^kcib_/);
    expect(created.stderr).not.toContain(stack.apiToken ?? 'x');
    expect((await call('POST', '/tests/submit', token, SUBMISSION)).status).toBe(202);
    const listed = JSON.parse((await cli('list')).stdout) as Array<{ id: string; name: string }>;
    const id = listed.find((t) => t.name === 'from-cli')?.id ?? '';
    expect((await cli('revoke', id)).stdout).toContain('revoked');
    expect((await call('POST', '/tests/submit', token, SUBMISSION)).status).toBe(401);
  });
});
