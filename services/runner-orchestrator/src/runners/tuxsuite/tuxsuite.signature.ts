import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Reads an OpenSSH `ecdsa-sha2-nistp256 AAAA... [comment]` line into a P-256 public key. Node
 * cannot import that format, so the SSH wire format (string type, string "nistp256", string Q)
 * is taken apart here and Q becomes a JWK.
 */
export function publicKeyFromOpenSsh(line: string): KeyObject {
  const [type, base64] = line.trim().split(/\s+/);
  if (
    type !== 'ecdsa-sha2-nistp256' ||
    base64 === undefined ||
    !/^[A-Za-z0-9+/]+=*$/.test(base64)
  ) {
    throw new Error('not an OpenSSH "ecdsa-sha2-nistp256 AAAA..." public key line');
  }
  const wire = Buffer.from(base64, 'base64');
  let offset = 0;
  const next = (): Buffer => {
    if (offset + 4 > wire.length) throw new Error('truncated OpenSSH public key');
    const length = wire.readUInt32BE(offset);
    offset += 4;
    if (offset + length > wire.length) throw new Error('truncated OpenSSH public key');
    const field = wire.subarray(offset, offset + length);
    offset += length;
    return field;
  };
  const innerType = next().toString('latin1');
  const curve = next().toString('latin1');
  const q = next();
  if (innerType !== type || curve !== 'nistp256' || offset !== wire.length) {
    throw new Error(
      `OpenSSH key says ${innerType}/${curve}, expected ecdsa-sha2-nistp256/nistp256`,
    );
  }
  // An uncompressed point: 0x04, then 32 bytes of x and 32 of y.
  if (q.length !== 65 || q[0] !== 4)
    throw new Error('OpenSSH key holds no uncompressed P-256 point');
  return createPublicKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: q.subarray(1, 33).toString('base64url'),
      y: q.subarray(33).toString('base64url'),
    },
  });
}

/**
 * Checks a TuxSuite callback signature (base64url DER ECDSA P-256/SHA-256) and returns the text
 * that was signed, or undefined. TuxSuite signs the raw body; older deliveries were a JSON string
 * literal whose content was signed (runners.md §2.2), so that is tried second.
 */
export function verifyTuxsuiteSignature(
  key: KeyObject,
  rawBody: Buffer,
  signatureHeader: string,
): { signedText: string; doubleEncoded: boolean } | undefined {
  const signature = Buffer.from(signatureHeader.trim(), 'base64url');
  if (signature.length === 0) return undefined;
  if (verifies(key, rawBody, signature))
    return { signedText: rawBody.toString('utf8'), doubleEncoded: false };
  const inner = jsonString(rawBody);
  if (inner !== undefined && verifies(key, Buffer.from(inner, 'utf8'), signature)) {
    return { signedText: inner, doubleEncoded: true };
  }
  return undefined;
}

/**
 * Repairs the `\'` escapes TuxSuite puts in build callbacks (e.g. in `git_short_log`), which JSON
 * does not allow, leaving an escaped backslash before a quote (`\\'`) alone. Apply it only after
 * the signature is checked: the signature is over the bytes as sent.
 */
export function repairInvalidEscapes(text: string): string {
  return text.replace(/(?<!\\)((?:\\\\)*)\\'/g, "$1'");
}

function verifies(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    return verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    // A signature that is not even DER is simply not valid.
    return false;
  }
}

function jsonString(raw: Buffer): string | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
