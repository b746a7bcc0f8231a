import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLogExcerpt } from './build-log.js';

const fixtures = resolve(import.meta.dirname, '../../fixtures/build-log');

describe('buildLogExcerpt golden files', () => {
  for (const verdict of ['ok', 'not-ok']) {
    const dir = join(fixtures, verdict);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
      it(`${verdict}/${file}`, () => {
        const log = readFileSync(join(dir, file), 'utf8');
        const expected: unknown = JSON.parse(
          readFileSync(join(dir, file.replace(/\.log$/, '.expected.json')), 'utf8'),
        );
        expect(buildLogExcerpt(log)).toEqual(expected);
      });
    }
  }
});

describe('buildLogExcerpt', () => {
  const log = readFileSync(join(fixtures, 'not-ok/implicit-declaration.log'), 'utf8');

  it('keeps the compiler error with its context and the make errors, not the CC noise', () => {
    const { excerpt, tail } = buildLogExcerpt(log);
    expect(tail).toBe(false);
    expect(excerpt).toContain("In function 'igc_xdp_xmit_zc':");
    expect(excerpt).toContain("error: implicit declaration of function 'xsk_tx_metadata_to_compl'");
    expect(excerpt).toContain('^~~~~~~~~~~~~~~~~~~~~~~~');
    expect(excerpt).toContain('make: *** [Makefile:224: __sub-make] Error 2');
    expect(excerpt).not.toContain('HOSTCC  scripts/basic/fixdep');
  });

  it('gives the tail of a log with no failing line', () => {
    const clean = Array.from({ length: 3000 }, (_, i) => `  CC      drivers/x/file${i}.o`).join(
      '\n',
    );
    const { excerpt, tail } = buildLogExcerpt(clean);
    expect(tail).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(16384);
    expect(excerpt.endsWith('file2999.o')).toBe(true);
  });

  it('strips colour escapes, CR and NUL before matching and in the excerpt', () => {
    const coloured = 'a.c:1:2: \x1b[01;31m\x1b[Kerror: \x1b[m\x1b[Kboom\r\n\0done\r\n';
    const { excerpt, errorLines } = buildLogExcerpt(coloured);
    expect(errorLines).toBe(1);
    expect(excerpt).toBe('a.c:1:2: error: boom\ndone');
  });

  it('stays within 16384 characters and keeps the earliest errors when there are too many', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(
        `  CC      drivers/foo/f${i}.o`,
        `drivers/foo/f${i}.c:10:5: error: unknown type name 'u${i}'`,
      );
    }
    const { excerpt, omittedLines, errorLines } = buildLogExcerpt(lines.join('\n'));
    expect(errorLines).toBe(2000);
    expect(excerpt.length).toBeLessThanOrEqual(16384);
    expect(excerpt).toContain("drivers/foo/f0.c:10:5: error: unknown type name 'u0'");
    expect(excerpt).not.toContain("'u1999'");
    expect(omittedLines).toBeGreaterThan(0);
    expect(excerpt).toMatch(/\[\.\.\. \d+ more failing or warning lines not shown\]$/);
  });

  it('drops warnings before errors when both do not fit', () => {
    const lines = Array.from(
      { length: 1500 },
      (_, i) => `w${i}.c:1:1: warning: unused variable 'x${i}'`,
    );
    lines.push('', 'x.c:1:1: error: the real problem', 'make: *** [Makefile:1: all] Error 2');
    const { excerpt } = buildLogExcerpt(lines.join('\n'), { before: 0, after: 0 });
    expect(excerpt).toContain('error: the real problem');
    expect(excerpt.length).toBeLessThanOrEqual(16384);
  });

  it('cuts a single monstrous failing line to fit', () => {
    const { excerpt } = buildLogExcerpt(`error: ${'x'.repeat(40_000)}`);
    expect(excerpt.length).toBeLessThanOrEqual(16384);
    expect(excerpt.startsWith('error: xxx')).toBe(true);
  });
});
