import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

// Helpers for this folder's specs: a TuxSuite-like signing key, signing the way TuxSuite does.

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
