import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KcidbClient, truncateUtf8 } from './client.js';
import { emptyReport } from './report.js';
import { parseKcidbTarget } from './target.js';

// A real HTTP server on loopback: the client is exercised through fetch, not a mock.
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = (_req, res) => reply(res, 200, { id: 'abc123', status: 'ok', message: 'Received' });
});

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const client = (timeoutMs = 2000) =>
  new KcidbClient({
    target: parseKcidbTarget({ rest: `${base.replace('//', '//s3cret@')}/kcidb` }),
    timeoutMs,
  });

describe('KcidbClient.submit', () => {
  it('POSTs JSON with a Bearer token and returns the submission id', async () => {
    const outcome = await client().submit(emptyReport());
    expect(outcome).toEqual({
      kind: 'accepted',
      submissionId: 'abc123',
      httpStatus: 200,
      body: '{"id":"abc123","status":"ok","message":"Received"}',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/kcidb/submit',
      body: '{"version":{"major":5,"minor":3}}',
    });
    expect(seen[0]?.headers.authorization).toBe('Bearer s3cret');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends a string report as it is', async () => {
    await client().submit('{"version":{"major":5}}');
    expect(seen[0]?.body).toBe('{"version":{"major":5}}');
  });

  it.each<[string, number, unknown, string]>([
    ['no id', 200, { status: 'ok' }, 'without a submission id'],
    ['not JSON', 200, 'OK', 'without a submission id'],
    ['status not ok', 201, { id: 'x', status: 'error' }, 'without a submission id'],
  ])('treats a 2xx with %s as retryable', async (_, status, body, reason) => {
    handler = (_req, res) => reply(res, status, body);
    const outcome = await client().submit(emptyReport());
    expect(outcome).toMatchObject({ kind: 'retryable', httpStatus: status });
    expect(outcome.kind === 'retryable' && outcome.reason).toContain(reason);
  });

  it.each([400, 404, 405, 422])(
    'treats HTTP %i as permanent, with the server message',
    async (status) => {
      handler = (_req, res) =>
        reply(res, status, { id: '0', status: 'error', message: 'EOF while parsing' });
      const outcome = await client().submit(emptyReport());
      expect(outcome).toMatchObject({ kind: 'permanent', httpStatus: status });
      expect(outcome.kind === 'permanent' && outcome.reason).toContain('EOF while parsing');
    },
  );

  it('treats 413 as too large', async () => {
    handler = (_req, res) => reply(res, 413, 'Payload Too Large');
    expect(await client().submit(emptyReport())).toEqual({
      kind: 'too-large',
      httpStatus: 413,
      body: 'Payload Too Large',
    });
  });

  it.each([401, 403] as const)('treats %i as a credentials problem', async (status) => {
    handler = (_req, res) =>
      reply(res, status, { id: '0', status: 'error', message: 'ExpiredSignature' });
    const outcome = await client().submit(emptyReport());
    expect(outcome).toMatchObject({ kind: 'credentials', httpStatus: status });
    expect(outcome.kind === 'credentials' && outcome.reason).toContain('ExpiredSignature');
    expect(JSON.stringify(outcome)).not.toContain('s3cret');
  });

  it.each([408, 429, 500, 502, 503, 504])('treats %i as retryable', async (status) => {
    handler = (_req, res) => reply(res, status, '<html>Bad Gateway</html>');
    const outcome = await client().submit(emptyReport());
    expect(outcome).toMatchObject({
      kind: 'retryable',
      httpStatus: status,
      body: '<html>Bad Gateway</html>',
    });
    expect(outcome).not.toHaveProperty('retryAfterMs');
  });

  it('reads Retry-After in seconds', async () => {
    handler = (_req, res) => reply(res, 429, '', { 'Retry-After': '120' });
    expect(await client().submit(emptyReport())).toMatchObject({
      kind: 'retryable',
      retryAfterMs: 120_000,
    });
  });

  it('reads Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    handler = (_req, res) => reply(res, 503, '', { 'Retry-After': at });
    const outcome = await client().submit(emptyReport());
    const ms = outcome.kind === 'retryable' ? outcome.retryAfterMs : undefined;
    expect(ms).toBeGreaterThan(55_000);
    expect(ms).toBeLessThanOrEqual(60_000);
  });

  it('does not follow redirects (they would drop the POST body or the token)', async () => {
    handler = (_req, res) => reply(res, 301, '', { Location: 'https://elsewhere.example/submit' });
    const outcome = await client().submit(emptyReport());
    expect(outcome).toMatchObject({ kind: 'permanent', httpStatus: 301 });
    expect(seen).toHaveLength(1);
  });

  it('truncates long bodies to 4 KiB', async () => {
    handler = (_req, res) => reply(res, 500, 'é'.repeat(10_000));
    const outcome = await client().submit(emptyReport());
    const body = outcome.kind === 'retryable' ? (outcome.body ?? '') : '';
    expect(Buffer.byteLength(body)).toBe(4096);
    expect(body).toBe('é'.repeat(2048));
  });

  it('turns a timeout into retryable', async () => {
    handler = (_req, res) => setTimeout(() => reply(res, 200, { id: 'late', status: 'ok' }), 1000);
    const outcome = await client(100).submit(emptyReport());
    expect(outcome).toEqual({ kind: 'retryable', reason: 'no answer from KCIDB within 100 ms' });
  });

  it('turns a refused connection into retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const target = parseKcidbTarget({ url: `http://127.0.0.1:${port}`, token: 't' });
    const outcome = await new KcidbClient({ target, timeoutMs: 2000 }).submit(emptyReport());
    expect(outcome.kind).toBe('retryable');
    expect(outcome.kind === 'retryable' && outcome.reason).toContain('ECONNREFUSED');
  });

  it('returns permanent for a report that cannot be serialised', async () => {
    const outcome = await client().submit({ version: { major: 5 }, misc: 1n } as unknown as never);
    expect(outcome).toMatchObject({ kind: 'permanent', httpStatus: 0 });
    expect(seen).toHaveLength(0);
  });
});

describe('KcidbClient fetch option', () => {
  it('sends through the given fetch', async () => {
    const urls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return fetch(input, init);
    };
    const target = parseKcidbTarget({ url: base, token: 't' });
    const outcome = await new KcidbClient({ target, timeoutMs: 2000, fetch: counting }).submit(
      emptyReport(),
    );
    expect(outcome.kind).toBe('accepted');
    expect(urls).toEqual([`${base}/submit`]);
  });
});

describe('KcidbClient.status', () => {
  it.each(['inprogress', 'ready', 'processed', 'failed'] as const)('reads %s', async (state) => {
    handler = (_req, res) => reply(res, 200, { id: 'abc', status: state, message: 'm' });
    const outcome = await client().status('abc');
    expect(outcome).toEqual({
      kind: state,
      body: JSON.stringify({ id: 'abc', status: state, message: 'm' }),
    });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/kcidb/status?id=abc' });
    expect(seen[0]?.headers.authorization).toBe('Bearer s3cret');
  });

  it('encodes the id', async () => {
    handler = (_req, res) => reply(res, 400, { status: 'error' });
    await client().status('a b&c');
    expect(seen[0]?.url).toBe('/kcidb/status?id=a%20b%26c');
  });

  it.each([404, 400])('treats %i as not found', async (status) => {
    handler = (_req, res) => reply(res, status, { id: 'abc', status: 'notfound' });
    expect(await client().status('abc')).toMatchObject({ kind: 'notfound' });
  });

  it('reports a refused token', async () => {
    handler = (_req, res) => reply(res, 401, { message: 'JWT is required' });
    expect(await client().status('abc')).toMatchObject({ kind: 'credentials', httpStatus: 401 });
  });

  it.each<[number, unknown]>([
    [200, { status: 'weird' }],
    [503, 'down'],
    [429, 'slow down'],
  ])('treats %i %j as retryable', async (status, body) => {
    handler = (_req, res) => reply(res, status, body, { 'Retry-After': '5' });
    const outcome = await client().status('abc');
    expect(outcome.kind).toBe('retryable');
    if (status !== 200) expect(outcome).toMatchObject({ retryAfterMs: 5000 });
  });

  it('turns a timeout into retryable', async () => {
    handler = (_req, res) => setTimeout(() => reply(res, 200, { status: 'ready' }), 1000);
    expect(await client(100).status('abc')).toMatchObject({ kind: 'retryable' });
  });
});

describe('KcidbClient.authtest', () => {
  it('is true on 200 from /authtest', async () => {
    handler = (_req, res) =>
      reply(res, 200, { id: '0', status: 'ok', message: 'Authentication successful' });
    expect(await client().authtest()).toBe(true);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/kcidb/authtest' });
  });

  it('is false on 401 and on timeouts', async () => {
    handler = (_req, res) => reply(res, 401, {});
    expect(await client().authtest()).toBe(false);
    handler = (_req, res) => setTimeout(() => reply(res, 200, {}), 1000);
    expect(await client(100).authtest()).toBe(false);
  });
});

describe('helpers', () => {
  it('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('𝄞𝄞', 7)).toBe('𝄞');
  });
});
