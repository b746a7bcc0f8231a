import { describe, expect, it } from 'vitest';
import { KcidbConfigError, parseKcidbTarget, type KcidbConfigErrorCode } from './target.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJvcmlnaW4iOiJteWNpIn0.c2lnbmF0dXJl';

function configError(fn: () => unknown): KcidbConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KcidbConfigError) return err;
    throw err;
  }
  throw new Error('expected a KcidbConfigError');
}

describe('parseKcidbTarget from KCIDB_REST', () => {
  it('takes the token from the user name and posts to /submit', () => {
    expect(parseKcidbTarget({ rest: `https://${JWT}@db.kernelci.org/` })).toEqual({
      submitUrl: 'https://db.kernelci.org/submit',
      statusUrl: 'https://db.kernelci.org/status',
      token: JWT,
      display: 'https://db.kernelci.org/submit',
    });
  });

  it.each([
    ['https://t0ken@db.kernelci.org', 'https://db.kernelci.org'],
    ['https://t0ken@db.kernelci.org/submit', 'https://db.kernelci.org'],
    ['https://t0ken@db.kernelci.org/submit/', 'https://db.kernelci.org'],
    [
      'https://t0ken@staging.db.kernelci.org:8443/kcidb',
      'https://staging.db.kernelci.org:8443/kcidb',
    ],
    ['https://t0ken@host/kcidb/submit', 'https://host/kcidb'],
    ['https://t0ken@host//kcidb//', 'https://host/kcidb'],
    ['https://t0ken@host/submitter', 'https://host/submitter'],
    ['http://t0ken@127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['HTTPS://t0ken@DB.KernelCI.org', 'https://db.kernelci.org'],
    ['https://t0ken@host/x#frag', 'https://host/x'],
  ])('%s → %s/submit and /status', (rest, base) => {
    const target = parseKcidbTarget({ rest });
    expect(target.submitUrl).toBe(`${base}/submit`);
    expect(target.statusUrl).toBe(`${base}/status`);
    expect(target.token).toBe('t0ken');
    expect(target.display).not.toContain('t0ken');
  });

  it('percent-decodes the token', () => {
    expect(parseKcidbTarget({ rest: 'https://a%2Bb%3D@host' }).token).toBe('a+b=');
  });

  it('ignores a password part, keeping it out of every URL', () => {
    const target = parseKcidbTarget({ rest: 'https://tok:secret@host' });
    expect(target.token).toBe('tok');
    expect(JSON.stringify(target)).not.toContain('secret');
  });

  it('lets an explicit token win over the one in the URL', () => {
    expect(parseKcidbTarget({ rest: 'https://old@host', token: 'new' }).token).toBe('new');
  });
});

describe('parseKcidbTarget from a URL and a token', () => {
  it('uses the URL as given when it ends in /submit', () => {
    const target = parseKcidbTarget({ url: 'https://db.kernelci.org/submit', token: JWT });
    expect(target.submitUrl).toBe('https://db.kernelci.org/submit');
    expect(target.statusUrl).toBe('https://db.kernelci.org/status');
    expect(target.token).toBe(JWT);
  });

  it('prefers an explicit URL over KCIDB_REST, as kci-dev does', () => {
    const target = parseKcidbTarget({
      rest: 'https://a@one.example',
      url: 'https://two.example',
      token: 'b',
    });
    expect(target).toMatchObject({ submitUrl: 'https://two.example/submit', token: 'b' });
  });

  it('treats empty and blank settings as absent', () => {
    const target = parseKcidbTarget({ rest: 'https://a@one.example', url: '  ', token: '' });
    expect(target).toMatchObject({ submitUrl: 'https://one.example/submit', token: 'a' });
  });
});

describe('parseKcidbTarget refuses bad settings without echoing the token', () => {
  it.each<[string, { rest?: string; url?: string; token?: string }, KcidbConfigErrorCode]>([
    ['nothing set', {}, 'MISSING_URL'],
    ['unparsable', { rest: `${JWT}@db.kernelci.org` }, 'INVALID_URL'],
    ['unparsable url', { url: 'https://', token: JWT }, 'INVALID_URL'],
    ['ftp scheme', { rest: `ftp://${JWT}@host` }, 'UNSUPPORTED_SCHEME'],
    ['git scheme', { url: 'git://host', token: JWT }, 'UNSUPPORTED_SCHEME'],
    ['query string', { rest: `https://${JWT}@host/?token=${JWT}` }, 'QUERY_NOT_ALLOWED'],
    ['no token', { rest: 'https://db.kernelci.org' }, 'MISSING_TOKEN'],
    ['url without token', { url: 'https://db.kernelci.org/submit' }, 'MISSING_TOKEN'],
    ['token with a space', { url: 'https://host', token: `${JWT} x` }, 'INVALID_TOKEN'],
    ['token with a newline', { rest: `https://${JWT}%0Ax@host` }, 'INVALID_TOKEN'],
    ['bad percent-encoding', { rest: `https://${JWT}%E0%A4%A@host` }, 'INVALID_TOKEN'],
  ])('%s', (_, input, code) => {
    const err = configError(() => parseKcidbTarget(input));
    expect(err.code).toBe(code);
    expect(err.name).toBe('KcidbConfigError');
    expect(err.message).not.toContain(JWT);
    expect(err.message).not.toContain(JWT.slice(0, 12));
  });
});

describe('plain HTTP', () => {
  it('is accepted for a receiver on loopback only', () => {
    expect(parseKcidbTarget({ rest: 'http://tok@127.0.0.1:9000' }).submitUrl).toBe(
      'http://127.0.0.1:9000/submit',
    );
    expect(parseKcidbTarget({ rest: 'http://tok@localhost:9000/' }).submitUrl).toBe(
      'http://localhost:9000/submit',
    );
    expect(() => parseKcidbTarget({ rest: 'http://tok@db.kernelci.org/' })).toThrow(/unencrypted/);
  });
});
