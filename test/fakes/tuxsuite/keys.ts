/**
 * The ECDSA P-256 key pair behind TuxSuite callback signatures (shared/reference/runners.md §2.2):
 * the public half is published by `GET …/keys` as an OpenSSH line (`ecdsa-sha2-nistp256 AAAA…`),
 * the signature travels in `x-tux-payload-signature` as URL-safe base64 of a DER (r, s) pair.
 */
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const SSH_KEY_TYPE = 'ecdsa-sha2-nistp256';
const SSH_CURVE = 'nistp256';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The OpenSSH public key line, without a comment. */
  publicKeySsh: string;
}

function sshString(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** OpenSSH line of a P-256 public key: string type, string "nistp256", string Q (04‖x‖y). */
export function toSshEcdsaPublicKey(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || jwk.x === undefined || jwk.y === undefined) {
    throw new TypeError('toSshEcdsaPublicKey: not a P-256 public key');
  }
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ]);
  const blob = Buffer.concat([
    sshString(Buffer.from(SSH_KEY_TYPE)),
    sshString(Buffer.from(SSH_CURVE)),
    sshString(point),
  ]);
  return `${SSH_KEY_TYPE} ${blob.toString('base64')}`;
}

/**
 * The KeyObject of an OpenSSH `ecdsa-sha2-nistp256 AAAA… [comment]` line, for `crypto.verify`
 * (Node cannot import the OpenSSH public-key format itself). Throws on anything else.
 */
export function sshEcdsaPublicKey(line: string): KeyObject {
  const [type, base64] = line.trim().split(/\s+/);
  if (type !== SSH_KEY_TYPE || base64 === undefined) {
    throw new TypeError(`sshEcdsaPublicKey: expected "${SSH_KEY_TYPE} AAAA…"`);
  }
  const blob = Buffer.from(base64, 'base64');
  let offset = 0;
  const read = (): Buffer => {
    if (offset + 4 > blob.length) throw new TypeError('sshEcdsaPublicKey: truncated key');
    const length = blob.readUInt32BE(offset);
    offset += 4;
    if (offset + length > blob.length) throw new TypeError('sshEcdsaPublicKey: truncated key');
    const field = blob.subarray(offset, offset + length);
    offset += length;
    return field;
  };
  const innerType = read().toString();
  const curve = read().toString();
  const point = read();
  if (innerType !== type || curve !== SSH_CURVE || point.length !== 65 || point[0] !== 4) {
    throw new TypeError('sshEcdsaPublicKey: not an uncompressed P-256 key');
  }
  return createPublicKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
  });
}

/** A fresh key pair, as a TuxSuite group has one. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, publicKeySsh: toSshEcdsaPublicKey(publicKey) };
}

/**
 * ECDSA-SHA256 over `payload`, DER-encoded as Python `cryptography` produces it, in Python's
 * `base64.urlsafe_b64encode` form (URL-safe alphabet, `=` padding kept).
 */
export function signPayload(privateKey: KeyObject, payload: Buffer): string {
  const der = sign('sha256', payload, { key: privateKey, dsaEncoding: 'der' });
  const unpadded = der.toString('base64url');
  return unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, '=');
}
