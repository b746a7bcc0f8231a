import { afterEach, describe, expect, it } from 'vitest';
import { FakeKcidb, type FakeKcidbOptions } from '../fakes/kcidb/fake-kcidb.js';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { id: string; status: string; message: string };
}

const fakes: FakeKcidb[] = [];

async function start(options: FakeKcidbOptions = {}): Promise<FakeKcidb> {
  const fake = await FakeKcidb.start({ token: 'tok.en-1_x', ...options });
  fakes.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function call(
  fake: FakeKcidb,
  path: string,
  init: {
    method?: string;
    body?: string;
    authorization?: string | null;
    signal?: AbortSignal;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization =
    init.authorization === undefined ? `Bearer ${fake.token}` : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${fake.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body,
    signal: init.signal,
  });
  const text = await response.text();
  let json: Answer['json'] = { id: '', status: '', message: '' };
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // Not every answer is JSON (/health, 413, 405).
  }
  return { status: response.status, headers: response.headers, text, json };
}

const report = (tests: string[] = []): string =>
  JSON.stringify({
    version: { major: 5, minor: 3 },
    checkouts: [{ id: 'fake:ck-1', origin: 'fake' }],
    builds: [{ id: 'fake:b-1', origin: 'fake', checkout_id: 'fake:ck-1' }],
    tests: tests.map((id) => ({ id, origin: 'fake', build_id: 'fake:b-1', status: 'PASS' })),
  });

describe('FakeKcidb speaks the kcidb-ng REST protocol', () => {
  it('exposes KCIDB_REST with the token as userinfo and no path', async () => {
    const fake = await start();
    const rest = new URL(fake.restUrl);
    expect(rest.username).toBe('tok.en-1_x');
    expect(rest.pathname).toBe('/');
    expect(`${rest.protocol}//${rest.host}`).toBe(fake.url);
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /health and checks the token at /authtest', async () => {
    const fake = await start();
    expect(await call(fake, '/health', { authorization: null })).toMatchObject({
      status: 200,
      text: 'OK',
    });
    expect((await call(fake, '/authtest')).json).toEqual({
      id: '0',
      status: 'ok',
      message: 'Authentication successful',
    });
    expect((await call(fake, '/authtest', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('rejects a POST without a valid bearer token with 401 and the real messages', async () => {
    const fake = await start();
    const missing = await call(fake, '/submit', { body: report(), authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ id: '0', status: 'error', message: 'JWT is required' });

    const noBearerWord = await call(fake, '/submit', { body: report(), authorization: fake.token });
    expect(noBearerWord.status).toBe(401);
    expect(noBearerWord.json.message).toBe('Missing or invalid JWT (Bearer)');

    const wrong = await call(fake, '/submit', { body: report(), authorization: 'Bearer a.b.c' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ id: '0', status: 'error' });
    expect(fake.submissions).toHaveLength(0);
  });

  it('answers 400 with id "0" to a body that is not JSON, without a schema check', async () => {
    const fake = await start();
    const bad = await call(fake, '/submit', { body: '{"version": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.id).toBe('0');
    expect(bad.json.status).toBe('error');
    expect(bad.json.message).not.toBe('');

    // Any JSON at all is accepted at POST time; validation happens at ingestion.
    expect((await call(fake, '/submit', { body: '[1, 2, 3]' })).status).toBe(200);
  });

  it('accepts JSON with 200, a 32-character alphanumeric id and the size in bytes', async () => {
    const fake = await start();
    const body = JSON.stringify({ version: { major: 5, minor: 3 }, note: 'µ' });
    const ok = await call(fake, '/submit', { body });
    expect(ok.status).toBe(200);
    expect(ok.json.id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(ok.json).toEqual({
      id: ok.json.id,
      status: 'ok',
      message: `Received submission ${ok.json.id} with size ${Buffer.byteLength(body)} bytes`,
    });
    expect(Buffer.byteLength(body)).toBe(body.length + 1);
    expect(fake.submissions).toHaveLength(1);
    expect(fake.submissions[0]).toMatchObject({ id: ok.json.id, size: Buffer.byteLength(body) });
    expect(fake.submissions[0]?.document).toEqual(JSON.parse(body));
  });

  it('answers 413 past the body limit', async () => {
    const fake = await start({ bodyLimitBytes: 64 });
    const big = await call(fake, '/submit', { body: JSON.stringify({ pad: 'x'.repeat(100) }) });
    expect(big.status).toBe(413);
    expect(fake.submissions).toHaveLength(0);
  });

  it('reports ready, then processed, at /status', async () => {
    const fake = await start({ processDelayMs: 500 });
    const { json } = await call(fake, '/submit', { body: report(['fake:t-1']) });
    const ready = await call(fake, `/status?id=${json.id}`);
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      id: json.id,
      status: 'ready',
      message: 'File waiting for processing',
    });

    await fake.waitFor((f) => f.statusOf(json.id) === 'processed', 3_000);
    const processed = await call(fake, `/status?id=${json.id}`);
    expect(processed.json).toMatchObject({ id: json.id, status: 'processed' });
  });

  it('reports failed when the validate callback rejects the document', async () => {
    const fake = await start({ validate: (doc) => JSON.stringify(doc).includes('"minor":3') });
    const good = await call(fake, '/submit', { body: report() });
    const bad = await call(fake, '/submit', { body: JSON.stringify({ version: { major: 6 } }) });
    await fake.waitFor((f) => f.submissions.every((s) => s.status !== 'ready'));
    expect((await call(fake, `/status?id=${good.json.id}`)).json.status).toBe('processed');
    const failed = await call(fake, `/status?id=${bad.json.id}`);
    expect(failed.status).toBe(200);
    expect(failed.json).toEqual({
      id: bad.json.id,
      status: 'failed',
      message: 'File failed to pass validation',
    });
  });

  it('holds submissions ready until processPending() when processDelayMs is Infinity', async () => {
    const fake = await start({ processDelayMs: Infinity });
    const { json } = await call(fake, '/submit', { body: report() });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.statusOf(json.id)).toBe('ready');
    fake.processPending();
    expect((await call(fake, `/status?id=${json.id}`)).json.status).toBe('processed');
  });

  it('answers 404 notfound, 400 for a bad id and 401 without a token at /status', async () => {
    const fake = await start();
    const unknown = await call(fake, '/status?id=abc123');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ id: 'abc123', status: 'notfound', message: 'File not found' });
    expect((await call(fake, '/status?id=../etc')).status).toBe(400);
    expect((await call(fake, '/status?id=')).json).toMatchObject({
      status: 'error',
      message: 'Empty id',
    });
    expect((await call(fake, '/status?id=abc123', { authorization: null })).status).toBe(401);
  });

  it('plays scripted failures in order, then the real behaviour, and records them all', async () => {
    const fake = await start();
    fake.script(
      { status: 500 },
      { status: 429, retryAfterSeconds: 2 },
      { status: 401 },
      { status: 400 },
    );
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await call(fake, '/submit', { body: report() }));
    expect(answers.map((a) => a.status)).toEqual([500, 429, 401, 400, 200]);
    expect(answers[0]?.json).toEqual({
      id: '0',
      status: 'error',
      message: 'Internal server error',
    });
    expect(answers[1]?.headers.get('retry-after')).toBe('2');
    expect(fake.postCount()).toBe(5);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 429, 401, 400, 200]);
    expect(fake.requests[1]?.step).toEqual({ status: 429, retryAfterSeconds: 2 });
    expect(fake.submissions).toHaveLength(1);
    expect(fake.pendingSteps()).toBe(0);
  });

  it('fails for a count with failFor, and persistently with setMode until cleared', async () => {
    const fake = await start();
    fake.failFor({ status: 503 }, 2);
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await call(fake, '/submit', { body: report() })).status);
    expect(statuses).toEqual([503, 503, 200]);

    fake.setMode({ status: 502 });
    expect((await call(fake, '/submit', { body: report() })).status).toBe(502);
    expect((await call(fake, '/submit', { body: report() })).status).toBe(502);
    fake.setMode(undefined);
    expect((await call(fake, '/submit', { body: report() })).status).toBe(200);
  });

  it('accepts a statusResult step with 200 and reports it failed at /status', async () => {
    const fake = await start();
    fake.script({ statusResult: 'failed' });
    const { status, json } = await call(fake, '/submit', { body: report() });
    expect(status).toBe(200);
    await fake.waitFor((f) => f.statusOf(json.id) !== 'ready');
    expect((await call(fake, `/status?id=${json.id}`)).json.status).toBe('failed');
  });

  it('hangs: a client timeout fires first, and a patient client gets 500 after hangMs', async () => {
    const fake = await start();
    fake.script({ hangMs: 400 }, { hangMs: 200 });
    await expect(
      call(fake, '/submit', { body: report(), signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(fake.requests[0]?.status).toBeUndefined();

    const began = Date.now();
    const patient = await call(fake, '/submit', { body: report() });
    expect(patient.status).toBe(500);
    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
    expect(fake.postCount()).toBe(2);
    expect(fake.submissions).toHaveLength(0);
  });

  it('closes promptly while a request hangs', async () => {
    const fake = await start();
    fake.setMode({ hangMs: 60_000 });
    const pending = call(fake, '/submit', { body: report() }).catch((error: unknown) => error);
    await fake.waitFor((f) => f.postCount() === 1 && f.requests[0]?.size !== 0);
    const began = Date.now();
    await fake.close();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('collects object ids and tests across submissions', async () => {
    const fake = await start();
    await call(fake, '/submit', { body: report(['fake:t-1', 'fake:t-2']) });
    await call(fake, '/submit', { body: report(['fake:t-2', 'fake:t-3']) });
    expect(fake.receivedObjectIds('tests')).toEqual(new Set(['fake:t-1', 'fake:t-2', 'fake:t-3']));
    expect(fake.receivedObjectIds('builds')).toEqual(new Set(['fake:b-1']));
    expect(fake.receivedObjectIds('checkouts')).toEqual(new Set(['fake:ck-1']));
    expect(fake.allTests().map((t) => t.id)).toEqual([
      'fake:t-1',
      'fake:t-2',
      'fake:t-2',
      'fake:t-3',
    ]);
  });

  it('rejects waitFor after its timeout with what it saw', async () => {
    const fake = await start();
    await expect(fake.waitFor((f) => f.postCount() > 0, 50)).rejects.toThrow(/0 POSTs/);
  });

  it('refuses a malformed scripted step', async () => {
    const fake = await start();
    expect(() => fake.script({ status: 42 })).toThrow(RangeError);
    expect(() => fake.failFor({ hangMs: -1 }, 1)).toThrow(RangeError);
  });

  it('scripts where successive /status polls find a submission; the state stays', async () => {
    const fake = await start({ processDelayMs: Infinity });
    const { json } = await call(fake, '/submit', { body: report() });
    fake.scriptStatus('ready', 'processed');
    // An unknown id consumes nothing.
    expect((await call(fake, '/status?id=abc123')).status).toBe(404);
    const polls = [];
    for (let i = 0; i < 3; i += 1) polls.push(await call(fake, `/status?id=${json.id}`));
    expect(polls.map((p) => [p.status, p.json.status, p.json.message])).toEqual([
      [200, 'ready', 'File waiting for processing'],
      [200, 'processed', 'File archived'],
      [200, 'processed', 'File archived'],
    ]);
    fake.scriptStatus('notfound');
    const lost = await call(fake, `/status?id=${json.id}`);
    expect([lost.status, lost.json]).toEqual([
      404,
      { id: json.id, status: 'notfound', message: 'File not found' },
    ]);
    expect(() => fake.scriptStatus('archived' as 'processed')).toThrow(RangeError);
  });

  it('records each body as text and the Authorization header it came with', async () => {
    const fake = await start();
    const body = report(['fake:t-ü']);
    await call(fake, '/submit', { body });
    await call(fake, '/submit', { body: 'not json', authorization: 'Bearer nope' });
    expect(fake.requests.map((r) => [r.body, r.headers.authorization, r.status])).toEqual([
      [body, 'Bearer tok.en-1_x', 200],
      ['not json', 'Bearer nope', 401],
    ]);
  });

  it('accepts every token its secret signed (moreTokens), and only those', async () => {
    const fake = await start({ moreTokens: ['other.origin-2_y'] });
    const as = (token: string) =>
      call(fake, '/submit', { body: report(), authorization: `Bearer ${token}` });
    expect((await as('tok.en-1_x')).status).toBe(200);
    expect((await as('other.origin-2_y')).status).toBe(200);
    expect((await as('third.origin.z')).json.message).toBe('InvalidSignature');
  });

  it('serves under a basePath, as behind a reverse proxy, and 404s outside it', async () => {
    const fake = await start({ basePath: '/kcidb/' });
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kcidb$/);
    expect(new URL(fake.restUrl).pathname).toBe('/kcidb');
    expect((await call(fake, '/submit', { body: report() })).status).toBe(200);
    const root = await fetch(fake.url.replace('/kcidb', '/submit'), {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.token}` },
      body: report(),
    });
    expect(root.status).toBe(404);
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ['/kcidb/submit', 200],
      ['/submit', 404],
    ]);
    expect(fake.postCount()).toBe(1);
  });

  it('answers 405 for a wrong method and 404 for an unknown path, recording both', async () => {
    const fake = await start();
    expect((await call(fake, '/submit')).status).toBe(405);
    expect((await call(fake, '/nope')).status).toBe(404);
    expect(fake.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/submit', 405],
      ['GET', '/nope', 404],
    ]);
  });
});
