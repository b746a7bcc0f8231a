import { describe, expect, it } from 'vitest';
import { KCIDB_LOG_EXCERPT_MAX, logExcerpt } from './excerpt.js';

describe('logExcerpt', () => {
  it('keeps a short log as it is', () => {
    expect(logExcerpt('Kernel panic\n')).toBe('Kernel panic\n');
  });

  it('keeps the last 16384 characters by default, where the failure is', () => {
    const log = 'a'.repeat(20000) + 'END';
    const out = logExcerpt(log);
    expect(KCIDB_LOG_EXCERPT_MAX).toBe(16384);
    expect(out).toHaveLength(16384);
    expect(out.endsWith('aEND')).toBe(true);
  });

  it('removes NUL characters before cutting', () => {
    expect(logExcerpt('a\0b\0\0c', 2)).toBe('bc');
    expect(logExcerpt('\0'.repeat(10))).toBe('');
  });

  it('never splits a surrogate pair', () => {
    // 'x𝄞y': cutting to 2 would start on the low half of 𝄞.
    const out = logExcerpt('x𝄞y', 2);
    expect(out).toBe('y');
    expect(logExcerpt('x𝄞y', 3)).toBe('𝄞y');
    expect(logExcerpt('𝄞'.repeat(10), 5)).toBe('𝄞𝄞');
  });

  it('replaces lone surrogates, which UTF-8 cannot carry', () => {
    expect(logExcerpt('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('honours small and odd limits', () => {
    expect(logExcerpt('abcdef', 0)).toBe('');
    expect(logExcerpt('abcdef', -3)).toBe('');
    expect(logExcerpt('abcdef', 2.9)).toBe('ef');
    expect(logExcerpt('abcdef', Number.POSITIVE_INFINITY)).toBe('abcdef');
    expect(logExcerpt('abcdef', Number.NaN)).toBe('abcdef');
  });
});
