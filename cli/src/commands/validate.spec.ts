import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanScratch, cli, scratchDir } from '../../test/harness.js';

const samples = resolve(import.meta.dirname, '../../fixtures/kcidb-samples');
const valid = join(samples, 'kci-dev-submit-build-dry-run-v5.3.json');
const v4 = join(samples, 'kcidb-test_monitor-cki-v4.0.json');

afterAll(cleanScratch);

describe('kci-bridge validate', () => {
  it('exits 0 for valid reports', async () => {
    const result = await cli([
      'validate',
      valid,
      join(samples, 'kcidb-test_db-comprehensive-v5.3.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${valid}: valid (0 errors, 0 warnings)\n${join(samples, 'kcidb-test_db-comprehensive-v5.3.json')}: valid (0 errors, 0 warnings)\n`,
    );
  });

  it('exits 1 and prints every error with its path when one is invalid', async () => {
    const result = await cli(['validate', valid, v4]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(`${v4}: error /version/major: version.major must be 5 (it is 4)`);
    expect(lines.filter((l) => l.startsWith(`${v4}: error `))).toHaveLength(7);
    expect(lines.at(-1)).toBe(`${v4}: invalid (7 errors, 0 warnings)`);
  });

  it('prints warnings too', async () => {
    const report = JSON.parse(readFileSync(valid, 'utf8')) as { checkouts?: unknown };
    delete report.checkouts;
    const file = join(scratchDir(), 'orphan.json');
    writeFileSync(file, JSON.stringify(report));
    const result = await cli(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /orphan\.json: warning \/builds\/0\/checkout_id: .*neither in this report/,
    );
  });

  it('reads stdin for -, and says when it is not JSON', async () => {
    expect((await cli(['validate', '-'], { stdin: readFileSync(valid, 'utf8') })).code).toBe(0);
    const bad = await cli(['validate', '-'], { stdin: 'not json' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^\(stdin\): error \(report\): not JSON: /);
  });

  it('gives JSON with --json', async () => {
    const result = await cli(['validate', '--json', v4]);
    const [entry] = JSON.parse(result.stdout) as {
      file: string;
      valid: boolean;
      errors: unknown[];
    }[];
    expect(entry).toMatchObject({ file: v4, valid: false });
    expect(entry?.errors).toHaveLength(7);
  });

  it('exits 2 on usage errors: no file, an unreadable file, another schema', async () => {
    expect((await cli(['validate'])).code).toBe(2);
    const missing = await cli(['validate', '/nonexistent.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: file /nonexistent.json: no such file\n');
    expect((await cli(['validate', '--schema', '4.5', valid])).code).toBe(2);
  });
});
