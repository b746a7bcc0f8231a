// The one test of the built binary, run as a user runs it: build, then spawn bin/kci-bridge.js.
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VECTOR, vectorArgs } from '../test/harness.js';

const cliDir = resolve(import.meta.dirname, '..');

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: cliDir, stdio: 'pipe' });
}, 120_000);

describe('the built kci-bridge binary', () => {
  it('is an executable node script that prints kci-dev-equal ids on --dry-run', async () => {
    const main = resolve(cliDir, 'dist/main.js');
    expect(readFileSync(main, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(main, constants.X_OK);
    const { code, stdout, stderr } = await new Promise<{
      code: number;
      stdout: string;
      stderr: string;
    }>((done) => {
      execFile(
        resolve(cliDir, 'bin/kci-bridge.js'),
        [...vectorArgs(), '--dry-run'],
        (err, out, errOut) => {
          done({
            code: typeof err?.code === 'number' ? err.code : err ? -1 : 0,
            stdout: out,
            stderr: errOut,
          });
        },
      );
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { checkouts: { id: string }[]; builds: { id: string }[] };
    expect(report.checkouts[0]?.id).toBe(VECTOR.checkoutId);
    expect(report.builds[0]?.id).toBe(VECTOR.buildId);
  });
});
