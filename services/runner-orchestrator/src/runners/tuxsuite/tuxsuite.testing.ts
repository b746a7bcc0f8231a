import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// Helpers for this folder's specs: a TuxSuite-like signing key, signing the way TuxSuite does,
// and a plain HTTP server for the client's tests.

/** A P-256 key pair and its public half as the OpenSSH line TuxSuite publishes. */
export function tuxKeyPair(): { privateKey: KeyObject; sshLine: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const q = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x ?? '', 'base64url'),
    Buffer.from(jwk.y ?? '', 'base64url'),
  ]);
  const field = (b: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const wire = Buffer.concat([
    field(Buffer.from('ecdsa-sha2-nistp256')),
    field(Buffer.from('nistp256')),
    field(q),
  ]);
  return { privateKey, sshLine: `ecdsa-sha2-nistp256 ${wire.toString('base64')} tux@example` };
}

/** Signs like TuxSuite: DER ECDSA P-256/SHA-256, URL-safe base64. */
export function tuxSign(privateKey: KeyObject, data: string | Buffer): string {
  return sign('sha256', Buffer.from(data), { key: privateKey, dsaEncoding: 'der' }).toString(
    'base64url',
  );
}

/** A request a {@link startHttpServer} server received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain node:http server on 127.0.0.1 answering with `answer`, recording what it received. */
export async function startHttpServer(
  answer: (req: Received) => { status: number; body?: unknown; delayMs?: number },
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const { status, body, delayMs = 0 } = answer(r);
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
      }, delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
