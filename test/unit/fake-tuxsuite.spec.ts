import { verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTuxsuite, type FakeTuxsuiteOptions } from '../fakes/tuxsuite/fake-tuxsuite.js';
import { sshEcdsaPublicKey } from '../fakes/tuxsuite/keys.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Receiver {
  url: string;
  received: Received[];
}

const fakes: FakeTuxsuite[] = [];
const servers: Server[] = [];

async function start(options: FakeTuxsuiteOptions = {}): Promise<FakeTuxsuite> {
  const fake = await FakeTuxsuite.start({
    token: 'tux-token-1',
    group: 'kci',
    project: 'riscv',
    ...options,
  });
  fakes.push(fake);
  return fake;
}

/** A tiny callback receiver answering `status` to everything. */
async function receiver(status = 204): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(status).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks/tuxsuite/run-1`,
    received,
  };
}

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function call(
  fake: FakeTuxsuite,
  path: string,
  init: { body?: unknown; authorization?: string | null; method?: string } = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> & unknown[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = init.authorization === undefined ? fake.token : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(path.startsWith('http') ? path : `${fake.projectUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body:
      typeof init.body === 'string'
        ? init.body
        : init.body === undefined
          ? undefined
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as never };
}

const build = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  client_token: 'c0ffee00-0000-4000-8000-000000000001',
  git_repo: 'https://git.kernel.org/pub/scm/linux/kernel/git/riscv/linux.git',
  git_ref: 'for-next',
  target_arch: 'riscv',
  toolchain: 'gcc-12',
  kconfig: ['defconfig', 'CONFIG_KASAN=y'],
  environment: {},
  targets: [],
  make_variables: {},
  is_public: true,
  ...extra,
});

const verifies = (fake: FakeTuxsuite, payload: Buffer | string, signature: string): boolean =>
  verify(
    'sha256',
    Buffer.from(payload),
    { key: sshEcdsaPublicKey(fake.publicKeySsh), dsaEncoding: 'der' },
    Buffer.from(signature, 'base64url'),
  );

async function submitBuild(
  fake: FakeTuxsuite,
  cb: Receiver,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const headers = { 'X-Bridge-Token': 'per-run-secret' };
  const { status, json } = await call(fake, '/builds', {
    body: {
      builds: [build({ callback: cb.url, callback_headers: headers, ...extra })],
      patches: {},
    },
  });
  expect(status).toBe(201);
  return (json[0] as { uid: string }).uid;
}

describe('FakeTuxsuite speaks the TuxSuite API', () => {
  it('wants the raw token in Authorization and publishes its OpenSSH key at /keys', async () => {
    const fake = await start();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.projectUrl).toBe(`${fake.url}/v1/groups/kci/projects/riscv`);
    expect((await call(fake, '/keys', { authorization: null })).status).toBe(401);
    const bearer = await call(fake, '/keys', { authorization: `Bearer ${fake.token}` });
    expect(bearer.status).toBe(401);
    expect(bearer.json).toEqual({ error: expect.any(String) });

    const keys = await call(fake, '/keys');
    expect(keys.status).toBe(200);
    expect(keys.json).toEqual({ ssh: { pub: fake.publicKeySsh }, pat: [], variables: [] });
    expect(fake.publicKeySsh).toMatch(
      /^ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY[A-Za-z0-9+/=]+$/,
    );
    expect(sshEcdsaPublicKey(fake.publicKeySsh).asymmetricKeyDetails).toEqual({
      namedCurve: 'prime256v1',
    });
  });

  it('validates build entries like TuxSuite with 400 {"error"}', async () => {
    const fake = await start();
    const bad = [
      { git_repo: undefined },
      { git_repo: 'git@github.com:torvalds/linux.git' },
      { git_sha: 'a'.repeat(40) },
      { git_ref: undefined },
      { git_ref: undefined, git_sha: 'abc123' },
      { target_arch: 'riscv64' },
      { toolchain: undefined },
      { kconfig: 'defconfig' },
      { kconfig: [] },
      { make_variables: { CFLAGS: '-O0' } },
      { callback_headers: { 'Bad Header': 'x' } },
    ];
    for (const extra of bad) {
      const answer = await call(fake, '/builds', { body: { builds: [build(extra)], patches: {} } });
      expect(answer.status, JSON.stringify(extra)).toBe(400);
      expect(answer.json).toEqual({ error: expect.any(String) });
    }
    expect((await call(fake, '/builds', { body: '{"builds": [' })).status).toBe(400);
    expect((await call(fake, '/builds', { body: { builds: [] } })).status).toBe(400);
    expect(fake.builds()).toHaveLength(0);
  });

  it('accepts a build, reports it, and calls back signed when it completes', async () => {
    const fake = await start();
    const cb = await receiver(204);
    const uid = await submitBuild(fake, cb);
    expect(uid).toMatch(/^[0-9A-Za-z]{27}$/);

    const queued = await call(fake, `/builds/${uid}`);
    expect(queued.json).toMatchObject({
      uid,
      project: 'kci/riscv',
      state: 'provisioning',
      result: 'unknown',
      callback: cb.url,
      kconfig: ['defconfig', 'CONFIG_KASAN=y'],
      download_url: `${fake.url}/storage/kci/riscv/builds/${uid}/`,
    });
    expect(queued.json).not.toHaveProperty('callback_headers');
    expect(fake.builds()[0]?.request.callback_headers).toEqual({
      'X-Bridge-Token': 'per-run-secret',
    });
    expect((await call(fake, '/builds/2ZITcwA6wxeKxh9cZA5HBJ6FkSj')).status).toBe(404);

    fake.startRun(uid);
    expect((await call(fake, `/builds/${uid}`)).json.state).toBe('building');
    expect(await fake.completeBuild(uid, { result: 'pass', gitSha: 'b'.repeat(40) })).toBe(204);

    expect(cb.received).toHaveLength(1);
    const [sent] = cb.received;
    expect(sent?.method).toBe('POST');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['x-bridge-token']).toBe('per-run-secret');
    const body = sent?.body ?? Buffer.alloc(0);
    expect(body.toString()).toMatch(/^\{"kind": "build", "status": \{"uid": /);
    const signature = String(sent?.headers['x-tux-payload-signature']);
    expect(signature).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(signature.length % 4).toBe(0);
    expect(verifies(fake, body, signature)).toBe(true);

    const doc = JSON.parse(body.toString()) as { kind: string; status: Record<string, unknown> };
    expect(doc.kind).toBe('build');
    expect(doc.status).toMatchObject({
      uid,
      state: 'finished',
      result: 'pass',
      build_status: 'pass',
      tuxbuild_status: 'complete',
      git_sha: 'b'.repeat(40),
      kernel_image_name: 'Image.gz',
      modules: 'modules.tar.xz',
      callback: cb.url,
    });
    expect(doc.status.finished_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(doc.status.git_short_log).toContain("'");
    expect(fake.callbacks[0]).toMatchObject({ kind: 'build', uid, status: 204, url: cb.url });

    const image = await fetch(`${String(doc.status.download_url)}Image.gz`);
    expect(image.status).toBe(200);
    expect(gunzipSync(Buffer.from(await image.arrayBuffer())).toString()).toContain(uid);
    expect((await fetch(`${String(doc.status.download_url)}modules.tar.xz`)).status).toBe(200);
    expect(await (await fetch(`${String(doc.status.download_url)}build.log`)).text()).toContain(
      'make',
    );
    expect((await fetch(`${String(doc.status.download_url)}nope`)).status).toBe(404);
    expect((await call(fake, `/builds/${uid}`)).json.state).toBe('finished');
  });

  it('answers a retried POST with the same client_token with the same build', async () => {
    const fake = await start();
    const cb = await receiver();
    const first = await submitBuild(fake, cb);
    expect(await submitBuild(fake, cb)).toBe(first);
    expect(fake.builds()).toHaveLength(1);
  });

  it('runs tests: device and kernel checked, boot implicit, results, storage and callback', async () => {
    const fake = await start();
    const cb = await receiver(202);
    const kernel =
      'https://storage.tuxsuite.com/public/kci/riscv/builds/2ZITcwA6wxeKxh9cZA5HBJ6FkSj/Image.gz';
    const noDevice = await call(fake, '/tests', { body: { kernel } });
    expect(noDevice).toMatchObject({ status: 400, json: { error: 'device is required' } });
    expect((await call(fake, '/tests', { body: { device: 'riscv64', kernel } })).status).toBe(400);
    expect((await call(fake, '/tests', { body: { device: 'qemu-riscv64' } })).status).toBe(400);

    const submitted = await call(fake, '/tests', {
      body: {
        device: 'qemu-riscv64',
        kernel,
        tests: ['boot', 'ltp-smoke'],
        callback: cb.url,
        callback_headers: { 'X-T': 's' },
      },
    });
    expect(submitted.status).toBe(201);
    const uid = String(submitted.json.uid);
    expect(submitted.json).toMatchObject({
      state: 'provisioning',
      tests: ['boot', 'ltp-smoke'],
      result: 'unknown',
    });
    expect(submitted.json.download_url).toBe(`${fake.url}/storage/kci/riscv/tests/${uid}/`);

    const status = await fake.completeTest(uid, {
      result: 'fail',
      results: { boot: 'pass', 'ltp-smoke': 'fail' },
      resultsJson: { 'ltp-smoke': { access01: { result: 'fail' } } },
      logs: 'login: root\n',
    });
    expect(status).toBe(202);
    const doc = JSON.parse(cb.received[0]?.body.toString() ?? '') as {
      kind: string;
      status: Record<string, unknown>;
    };
    expect(doc).toMatchObject({
      kind: 'test',
      status: {
        uid,
        state: 'finished',
        result: 'fail',
        results: { boot: 'pass', 'ltp-smoke': 'fail' },
      },
    });
    expect(cb.received[0]?.headers['x-t']).toBe('s');
    expect((await call(fake, `/tests/${uid}/results`)).json).toEqual({
      'ltp-smoke': { access01: { result: 'fail' } },
    });
    expect(await (await fetch(`${String(doc.status.download_url)}logs.txt`)).text()).toBe(
      'login: root\n',
    );
    const resultsFile = await fetch(`${String(doc.status.download_url)}results.json`);
    const resultsJson: unknown = await resultsFile.json();
    expect(resultsJson).toEqual({ 'ltp-smoke': { access01: { result: 'fail' } } });
  });

  it('lets a test wait for a build and fills its kernel when the build passes', async () => {
    const fake = await start();
    const cb = await receiver();
    const buildUid = await submitBuild(fake, cb);
    const waiting = await call(fake, '/tests', {
      body: { device: 'qemu-riscv64', waiting_for: `BUILD#${buildUid}` },
    });
    expect(waiting.json).toMatchObject({ state: 'waiting', kernel: null });
    await fake.completeBuild(buildUid, { result: 'pass' });
    const test = await call(fake, `/tests/${String(waiting.json.uid)}`);
    expect(test.json).toMatchObject({
      state: 'provisioning',
      kernel: `${fake.url}/storage/kci/riscv/builds/${buildUid}/Image.gz`,
    });
  });

  it('reproduces the double-encoded body, signed over the inner document', async () => {
    const fake = await start();
    const cb = await receiver();
    const uid = await submitBuild(fake, cb);
    await fake.completeBuild(uid, { result: 'fail', doubleEncoded: true });
    const raw = cb.received[0]?.body.toString() ?? '';
    const signature = String(cb.received[0]?.headers['x-tux-payload-signature']);
    const inner = JSON.parse(raw) as unknown;
    expect(typeof inner).toBe('string');
    expect(verifies(fake, raw, signature)).toBe(false);
    expect(verifies(fake, Buffer.from(inner as string, 'utf8'), signature)).toBe(true);
    expect(JSON.parse(inner as string)).toMatchObject({
      kind: 'build',
      status: { uid, result: 'fail' },
    });
  });

  it("reproduces \\' escapes in git_short_log, signed over the bytes sent", async () => {
    const fake = await start();
    const cb = await receiver();
    const uid = await submitBuild(fake, cb);
    await fake.completeBuild(uid, {
      result: 'pass',
      gitShortLog: `abc ("Merge tag 'net-6.7-rc5'")`,
      invalidEscapes: true,
    });
    const raw = cb.received[0]?.body.toString() ?? '';
    expect(raw).toContain(`"git_short_log": "abc (\\"Merge tag \\'net-6.7-rc5\\'\\")"`);
    expect(() => JSON.parse(raw) as unknown).toThrow();
    expect(verifies(fake, raw, String(cb.received[0]?.headers['x-tux-payload-signature']))).toBe(
      true,
    );
    const repaired = raw.replace(/(?<!\\)((?:\\\\)*)\\'/g, "$1'");
    expect(
      (JSON.parse(repaired) as { status: { git_short_log: string } }).status.git_short_log,
    ).toBe(`abc ("Merge tag 'net-6.7-rc5'")`);
  });

  it('sends a signature that does not verify when tampered, and nothing when skipped', async () => {
    const fake = await start();
    const cb = await receiver();
    const tampered = await submitBuild(fake, cb);
    await fake.completeBuild(tampered, { result: 'pass', tamper: true });
    expect(
      verifies(
        fake,
        cb.received[0]?.body ?? '',
        String(cb.received[0]?.headers['x-tux-payload-signature']),
      ),
    ).toBe(false);

    const skipped = await submitBuild(fake, cb, {
      client_token: 'c0ffee00-0000-4000-8000-000000000002',
    });
    expect(
      await fake.completeBuild(skipped, { result: 'pass', skipCallback: true }),
    ).toBeUndefined();
    expect(cb.received).toHaveLength(1);
    expect((await call(fake, `/builds/${skipped}`)).json).toMatchObject({
      state: 'finished',
      result: 'pass',
    });
  });

  it('behaves like a community account without signing: no header, /keys refused', async () => {
    const fake = await start({ signing: false });
    const cb = await receiver();
    const uid = await submitBuild(fake, cb);
    await fake.completeBuild(uid, { result: 'pass' });
    expect(cb.received[0]?.headers).not.toHaveProperty('x-tux-payload-signature');
    expect((await call(fake, '/keys')).status).toBe(403);
  });

  it('plays scripted submission failures in order, then the real behaviour', async () => {
    const fake = await start();
    fake.failNext(500);
    fake.failNext(429, 1, { retryAfterSeconds: 3 });
    fake.failNext(403, 1, { only: 'tests' });
    const body = { builds: [build()], patches: {} };
    const statuses = [];
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await call(fake, '/builds', { body }));
    for (const a of answers) statuses.push(a.status);
    expect(statuses).toEqual([500, 429, 201]);
    expect(answers[1]?.headers.get('retry-after')).toBe('3');
    expect(answers[0]?.json).toEqual({ error: expect.any(String) });
    const test = await call(fake, '/tests', {
      body: { device: 'qemu-riscv64', kernel: 'https://x.example/Image.gz' },
    });
    expect(test.status).toBe(403);
    expect(fake.pendingFailures()).toBe(0);
    expect(fake.requests.map((r) => r.failure?.status)).toEqual([500, 429, undefined, 403]);
    expect(() => fake.failNext(42)).toThrow(RangeError);
  });

  it('reports a callback the receiver never answered as status 0', async () => {
    const fake = await start({ callbackTimeoutMs: 500 });
    const { status } = await call(fake, '/builds', {
      body: { builds: [build({ callback: 'http://127.0.0.1:1/unreachable' })], patches: {} },
    });
    expect(status).toBe(201);
    const uid = fake.builds()[0]?.uid ?? '';
    expect(await fake.completeBuild(uid, { result: 'error' })).toBe(0);
    expect(fake.callbacks[0]?.error).toBeDefined();
  });
});
