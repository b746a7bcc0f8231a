import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchRefused, ResultsFetcher } from './results-fetcher.client.js';
import { RetryableError } from '@kci-bridge/messaging';

let base = '';
const server = createServer((req, res) => {
  if (req.url === '/ok') return void res.end('{"a":1}');
  if (req.url === '/hop') return void res.writeHead(302, { location: '/ok' }).end();
  if (req.url === '/away')
    return void res.writeHead(302, { location: 'https://evil.example/x' }).end();
  if (req.url === '/big') return void res.end('x'.repeat(5_000));
  if (req.url === '/down') return void res.writeHead(503).end();
  res.writeHead(404).end();
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const fetcher = () =>
  new ResultsFetcher({ allowedHosts: ['127.0.0.1'], maxBytes: 1_000, timeoutMs: 2_000 });

describe('ResultsFetcher', () => {
  it('fetches from an allowed host and follows a redirect that stays on allowed hosts', async () => {
    expect(await fetcher().json(`${base}/ok`)).toEqual({ a: 1 });
    expect(await fetcher().json(`${base}/hop`)).toEqual({ a: 1 });
  });

  it('refuses other hosts, redirects away, oversize bodies and 404s; retries 5xx', async () => {
    await expect(fetcher().json('https://example.org/results.json')).rejects.toBeInstanceOf(
      FetchRefused,
    );
    await expect(fetcher().json(`${base}/away`)).rejects.toThrow(/redirects to evil.example/);
    await expect(fetcher().text(`${base}/big`)).rejects.toThrow(/5000 bytes, over 1000/);
    await expect(fetcher().json(`${base}/missing`)).rejects.toBeInstanceOf(FetchRefused);
    await expect(fetcher().json(`${base}/down`)).rejects.toBeInstanceOf(RetryableError);
  });

  it('accepts host:port entries', async () => {
    const port = new URL(base).host;
    const f = new ResultsFetcher({ allowedHosts: [port], maxBytes: 1_000, timeoutMs: 2_000 });
    expect(await f.json(`${base}/ok`)).toEqual({ a: 1 });
  });
});
