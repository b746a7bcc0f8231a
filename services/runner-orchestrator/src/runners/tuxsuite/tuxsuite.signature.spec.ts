import { describe, expect, it } from 'vitest';
import {
  publicKeyFromOpenSsh,
  repairInvalidEscapes,
  verifyTuxsuiteSignature,
} from './tuxsuite.signature.js';
import { tuxKeyPair, tuxSign } from './tuxsuite.testing.js';

describe('publicKeyFromOpenSsh', () => {
  it('reads an ecdsa-sha2-nistp256 line into a key that verifies what the private key signed', () => {
    const { privateKey, sshLine } = tuxKeyPair();
    const key = publicKeyFromOpenSsh(sshLine);
    expect(key.asymmetricKeyType).toBe('ec');
    const body = Buffer.from('{"kind": "test"}');
    expect(verifyTuxsuiteSignature(key, body, tuxSign(privateKey, body))).toEqual({
      signedText: '{"kind": "test"}',
      doubleEncoded: false,
    });
  });

  it('refuses other key types, other curves and truncated keys', () => {
    const { sshLine } = tuxKeyPair();
    const [, b64 = ''] = sshLine.split(' ');
    expect(() => publicKeyFromOpenSsh(`ssh-ed25519 ${b64}`)).toThrow(/ecdsa-sha2-nistp256/);
    expect(() => publicKeyFromOpenSsh('ecdsa-sha2-nistp256')).toThrow();
    const wire = Buffer.from(b64, 'base64');
    expect(() =>
      publicKeyFromOpenSsh(`ecdsa-sha2-nistp256 ${wire.subarray(0, 40).toString('base64')}`),
    ).toThrow(/truncated/);
    const otherCurve = Buffer.from(wire);
    otherCurve.write('nistp384', 4 + 19 + 4, 'latin1');
    expect(() =>
      publicKeyFromOpenSsh(`ecdsa-sha2-nistp256 ${otherCurve.toString('base64')}`),
    ).toThrow(/nistp384/);
  });
});

describe('verifyTuxsuiteSignature', () => {
  const { privateKey, sshLine } = tuxKeyPair();
  const key = publicKeyFromOpenSsh(sshLine);
  const doc = '{"kind": "build", "status": {"uid": "2ZITcwA6wxeKxh9cZA5HBJ6FkSj"}}';

  it('accepts a signature over the raw body', () => {
    expect(
      verifyTuxsuiteSignature(key, Buffer.from(doc), tuxSign(privateKey, doc))?.signedText,
    ).toBe(doc);
  });

  it('accepts the double-encoded body signed over its inner string (SQUAD test vector shape)', () => {
    const inner = '{"signed": "content"}';
    const body = Buffer.from(JSON.stringify(inner));
    expect(body.toString()).toBe('"{\\"signed\\": \\"content\\"}"');
    expect(verifyTuxsuiteSignature(key, body, tuxSign(privateKey, inner))).toEqual({
      signedText: inner,
      doubleEncoded: true,
    });
  });

  it('accepts the signature in standard base64 with padding too', () => {
    const standard = Buffer.from(tuxSign(privateKey, doc), 'base64url').toString('base64');
    expect(verifyTuxsuiteSignature(key, Buffer.from(doc), standard)).toBeDefined();
  });

  it('refuses a tampered body, a wrong key, and a signature that is not one', () => {
    const signature = tuxSign(privateKey, doc);
    const tampered = Buffer.from(doc);
    tampered[tampered.length - 3] = 0x58; // one byte of the uid
    expect(verifyTuxsuiteSignature(key, tampered, signature)).toBeUndefined();
    const other = publicKeyFromOpenSsh(tuxKeyPair().sshLine);
    expect(verifyTuxsuiteSignature(other, Buffer.from(doc), signature)).toBeUndefined();
    expect(verifyTuxsuiteSignature(key, Buffer.from(doc), 'bm90IGEgc2lnbmF0dXJl')).toBeUndefined();
    expect(verifyTuxsuiteSignature(key, Buffer.from(doc), '')).toBeUndefined();
  });

  it('does not take a signature over the raw body of a double-encoded delivery for its inner text', () => {
    const inner = '{"kind": "test"}';
    const body = JSON.stringify(inner);
    const signed = verifyTuxsuiteSignature(key, Buffer.from(body), tuxSign(privateKey, body));
    expect(signed).toEqual({ signedText: body, doubleEncoded: false });
  });
});

describe('repairInvalidEscapes', () => {
  it("turns \\' into '", () => {
    const raw = String.raw`{"git_short_log": "5e3f5b81de80 (\"Merge tag \'net-6.7-rc5\' of git://x\")"}`;
    expect(() => JSON.parse(raw) as unknown).toThrow();
    const fixed = repairInvalidEscapes(raw);
    expect(JSON.parse(fixed)).toEqual({
      git_short_log: `5e3f5b81de80 ("Merge tag 'net-6.7-rc5' of git://x")`,
    });
  });

  it("leaves an escaped backslash before a quote alone (\\\\' is a backslash, then ')", () => {
    const raw = String.raw`{"a": "C:\\'x"}`;
    expect(repairInvalidEscapes(raw)).toBe(raw);
    expect(JSON.parse(raw)).toEqual({ a: "C:\\'x" });
  });

  it("repairs \\' after an escaped backslash (\\\\\\' is a backslash, then a bad escape)", () => {
    const raw = String.raw`{"a": "\\\'"}`;
    expect(repairInvalidEscapes(raw)).toBe(String.raw`{"a": "\\'"}`);
    expect(JSON.parse(repairInvalidEscapes(raw))).toEqual({ a: "\\'" });
    expect(repairInvalidEscapes(String.raw`"\\\\'"`)).toBe(String.raw`"\\\\'"`);
  });

  it('leaves valid escapes and valid JSON unchanged', () => {
    const raw = String.raw`{"a": "\"q\" \\ \n \u0027 it's"}`;
    expect(repairInvalidEscapes(raw)).toBe(raw);
  });
});
