import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.js';

describe('kcidb-submitter configuration', () => {
  it('writes to a spool directory when KCIDB_REST is not set (the embedded default)', () => {
    expect(loadConfig({}).target).toMatchObject({ kind: 'spool' });
  });

  it('takes KCIDB_REST as kci-dev does, without ever echoing the token', () => {
    const c = loadConfig({ KCIDB_REST: 'https://s3cr3t@db.kernelci.org/' });
    expect(c.target).toMatchObject({
      kind: 'rest',
      kcidb: { submitUrl: 'https://db.kernelci.org/submit', token: 's3cr3t' },
    });
    expect(c.target.kind === 'rest' && c.target.kcidb.display).not.toContain('s3cr3t');
  });

  it('refuses a KCIDB_REST without a token, naming the variable and not the URL secret', () => {
    expect(() => loadConfig({ KCIDB_REST: 'https://db.kernelci.org' })).toThrow(/KCIDB_REST: /);
  });

  it('refuses a lease shorter than the KCIDB timeout (a slow POST would be sent twice)', () => {
    expect(() => loadConfig({ KCI_LEASE_MS: '1000', KCI_KCIDB_TIMEOUT_MS: '5000' })).toThrow(
      /KCI_LEASE_MS: must be longer/,
    );
  });
});
