import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallbackOutcome, KnownRun } from '../runner-adapter.js';
import { TuxsuiteAdapter } from './tuxsuite.adapter.js';
import type { TuxsuiteSettings } from './tuxsuite.settings.js';
import { tuxKeyPair, tuxSign } from './tuxsuite.testing.js';

const BUILD = readFileSync(
  new URL('../../../fixtures/tuxsuite/callback-build.json', import.meta.url),
  'utf8',
);
const TEST = readFileSync(
  new URL('../../../fixtures/tuxsuite/callback-test.json', import.meta.url),
  'utf8',
);
const BUILD_UID = '2ZITcwA6wxeKxh9cZA5HBJ6FkSj';
const TEST_UID = '2MBYa8FhoBHkRCX2BMMPusjuClf';
const SECRET = 'b5c1f0e4-per-run-secret-3a9d7c21';

const settings: TuxsuiteSettings = { token: 't', group: 'g', project: 'p', timeoutMs: 1000 };
const noFetch: typeof fetch = () => Promise.reject(new Error('no HTTP in this test'));
const run = (jobId: string | null): KnownRun => ({ runId: 'r1', jobId, secret: SECRET });

function reason(outcome: CallbackOutcome): string {
  return outcome.verified ? 'verified' : `${outcome.status} ${outcome.reason}`;
}

describe('TuxsuiteAdapter.verifyCallback with a public key', () => {
  const { privateKey, sshLine } = tuxKeyPair();
  const adapter = new TuxsuiteAdapter({ ...settings, publicKey: sshLine }, noFetch);
  const signed = (body: string, signature = tuxSign(privateKey, body)) => ({
    headers: { 'content-type': 'application/json', 'x-tux-payload-signature': signature },
    rawBody: Buffer.from(body),
  });

  it('accepts a body signed as sent and maps it', async () => {
    const outcome = await adapter.verifyCallback(run(BUILD_UID), signed(BUILD));
    expect(outcome).toMatchObject({ verified: true, jobId: BUILD_UID, job: { state: 'finished' } });
  });

  it('accepts the double-encoded delivery signed over its inner string', async () => {
    const body = JSON.stringify(TEST);
    const outcome = await adapter.verifyCallback(
      run(TEST_UID),
      signed(body, tuxSign(privateKey, TEST)),
    );
    expect(outcome).toMatchObject({ verified: true, jobId: TEST_UID });
  });

  it("verifies the \\' quirk over the bytes as sent, then repairs it", async () => {
    const broken = BUILD.replace(`'net-6.7-rc5'`, String.raw`\'net-6.7-rc5\'`);
    const outcome = await adapter.verifyCallback(run(BUILD_UID), signed(broken));
    if (!outcome.verified || outcome.job.state !== 'finished') throw new Error(reason(outcome));
    expect(outcome.job.result.status.git_short_log).toContain(`'net-6.7-rc5'`);
  });

  it('refuses a missing, forged or foreign signature with 401', async () => {
    const forged = tuxSign(tuxKeyPair().privateKey, BUILD);
    const tampered = BUILD.replace('"result": "pass"', '"result": "fail"');
    const cases = [
      { headers: {}, rawBody: Buffer.from(BUILD) },
      signed(BUILD, forged),
      { ...signed(BUILD), rawBody: Buffer.from(tampered) },
      signed(BUILD, 'not-base64-at-all!'),
    ];
    for (const incoming of cases) {
      const outcome = await adapter.verifyCallback(run(BUILD_UID), incoming);
      expect(outcome.verified ? 0 : outcome.status, reason(outcome)).toBe(401);
    }
  });

  it('does not accept the per-run secret in place of a signature once a key is configured', async () => {
    const incoming = { headers: { 'x-kci-bridge-token': SECRET }, rawBody: Buffer.from(BUILD) };
    expect(await adapter.verifyCallback(run(BUILD_UID), incoming)).toMatchObject({
      verified: false,
      status: 401,
    });
  });

  it("refuses with 403 a genuine callback about another run's job", async () => {
    expect(await adapter.verifyCallback(run('2ZIotherotherotherotherothe'), signed(BUILD))).toEqual(
      {
        verified: false,
        status: 403,
        reason: `callback is about job ${BUILD_UID}, not this run's job (this run's job is 2ZIotherotherotherotherothe)`,
      },
    );
    expect(await adapter.verifyCallback(run(null), signed(BUILD))).toMatchObject({
      verified: false,
      status: 403,
    });
  });

  it('refuses with 400 a signed body that is not a build or test callback', async () => {
    for (const body of [
      'not json',
      '{"kind": "plan", "status": {"uid": "x"}}',
      '{"kind": "build"}',
    ]) {
      expect(await adapter.verifyCallback(run(BUILD_UID), signed(body))).toMatchObject({
        verified: false,
        status: 400,
      });
    }
  });
});

describe('TuxsuiteAdapter.verifyCallback with the per-run secret', () => {
  const adapter = new TuxsuiteAdapter(settings, noFetch);
  const withSecret = (value: string | string[] | undefined, name = 'x-kci-bridge-token') => ({
    headers: { [name]: value },
    rawBody: Buffer.from(TEST),
  });

  it('accepts the secret TuxSuite sends back from callback_headers, whatever the header case', async () => {
    expect(await adapter.verifyCallback(run(TEST_UID), withSecret(SECRET))).toMatchObject({
      verified: true,
    });
    expect(
      await adapter.verifyCallback(run(TEST_UID), withSecret(SECRET, 'X-Kci-Bridge-Token')),
    ).toMatchObject({
      verified: true,
    });
  });

  it('refuses a missing, wrong, shorter, longer or repeated secret with 401', async () => {
    const wrong = SECRET.replace(/.$/, 'x');
    for (const value of [undefined, wrong, SECRET.slice(1), `${SECRET}x`, '', [SECRET, SECRET]]) {
      const outcome = await adapter.verifyCallback(run(TEST_UID), withSecret(value));
      expect(outcome.verified ? 0 : outcome.status, JSON.stringify(value)).toBe(401);
    }
  });

  it('checks the job id after the secret', async () => {
    expect(await adapter.verifyCallback(run(BUILD_UID), withSecret(SECRET))).toMatchObject({
      status: 403,
    });
    expect(await adapter.verifyCallback(run(BUILD_UID), withSecret('nope'))).toMatchObject({
      status: 401,
    });
  });
});

describe('TuxsuiteAdapter construction', () => {
  it('refuses an unreadable public key at start-up', () => {
    expect(() => new TuxsuiteAdapter({ ...settings, publicKey: 'ssh-rsa AAAA' }, noFetch)).toThrow(
      /ecdsa/,
    );
  });
});
