import { describe, expect, it } from 'vitest';
import { parseStatus, worstStatus } from './status.js';
import { KCIDB_STATUSES } from './types.js';

describe('parseStatus', () => {
  it.each(KCIDB_STATUSES)('reads %s in any case, with blanks around', (status) => {
    expect(parseStatus(status)).toBe(status);
    expect(parseStatus(` ${status.toLowerCase()}\n`)).toBe(status);
  });

  it.each(['', ' ', 'PASSED', 'fail!', 'incomplete', 'ſkip', 'mıss', 'P A S S'])(
    'refuses %j',
    (s) => {
      expect(parseStatus(s)).toBeUndefined();
    },
  );
});

describe('worstStatus', () => {
  it('is undefined for no statuses', () => {
    expect(worstStatus([])).toBeUndefined();
  });

  it('follows KCIDB priority FAIL > ERROR > MISS > PASS > DONE > SKIP', () => {
    expect(worstStatus(['PASS', 'SKIP', 'FAIL', 'ERROR'])).toBe('FAIL');
    expect(worstStatus(['PASS', 'MISS', 'ERROR'])).toBe('ERROR');
    expect(worstStatus(['DONE', 'MISS', 'PASS'])).toBe('MISS');
    expect(worstStatus(['SKIP', 'PASS', 'DONE'])).toBe('PASS');
    expect(worstStatus(['SKIP', 'DONE'])).toBe('DONE');
    expect(worstStatus(['SKIP', 'SKIP'])).toBe('SKIP');
  });

  it('does not depend on order', () => {
    for (let i = 0; i < KCIDB_STATUSES.length; i++) {
      const rotated = [...KCIDB_STATUSES.slice(i), ...KCIDB_STATUSES.slice(0, i)];
      expect(worstStatus(rotated)).toBe('FAIL');
    }
  });
});
