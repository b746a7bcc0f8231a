import { describe, expect, it } from 'vitest';
import { excerptFor } from './excerpt.js';

describe('excerptFor', () => {
  it('joins the lines with newlines', () => {
    expect(excerptFor(['a', 'b', 'c'])).toBe('a\nb\nc');
    expect(excerptFor([])).toBe('');
  });

  it('keeps the end of the log when it is too long', () => {
    expect(excerptFor(['first', 'second', 'third'], 8)).toBe('nd\nthird');
    const many = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const excerpt = excerptFor(many);
    expect(excerpt).toHaveLength(16_384);
    expect(excerpt.endsWith('line 99999')).toBe(true);
  });

  it('drops NULs and never splits a surrogate pair', () => {
    expect(excerptFor(['a\0b'])).toBe('ab');
    expect(excerptFor(['x😀y'], 2)).toBe('y');
  });

  it('ignores what is not text and odd limits', () => {
    expect(excerptFor(['a', 3 as unknown as string, 'b'])).toBe('a\n\nb');
    expect(excerptFor('nope' as unknown as string[])).toBe('');
    expect(excerptFor(['abc'], -1)).toBe('');
    expect(excerptFor(['abc'], Number.NaN)).toBe('abc');
  });
});
