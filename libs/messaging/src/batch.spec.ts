import { describe, expect, it } from 'vitest';
import { PermanentError } from './errors.js';
import { inBatchOrAlone } from './batch.js';

describe('inBatchOrAlone', () => {
  it('does the whole batch in one call when it succeeds', async () => {
    const calls: number[][] = [];
    const results = await inBatchOrAlone([1, 2, 3], (items) => {
      calls.push([...items]);
      return Promise.resolve();
    });
    expect(calls).toEqual([[1, 2, 3]]);
    expect(results).toEqual([undefined, undefined, undefined]);
  });

  it('retries each item alone after the batch failed, so only the bad one fails', async () => {
    const calls: number[][] = [];
    const failures: unknown[] = [];
    const results = await inBatchOrAlone(
      [1, 2, 3],
      (items) => {
        calls.push([...items]);
        if (items.includes(2)) throw new PermanentError('2 is bad');
        return Promise.resolve();
      },
      (e) => failures.push(e),
    );
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(results[0]).toBeUndefined();
    expect(results[1]).toBeInstanceOf(PermanentError);
    expect(results[2]).toBeUndefined();
    expect(failures).toHaveLength(1);
  });

  it('gives a batch of one its error without a second try, as an Error', async () => {
    let calls = 0;
    const results = await inBatchOrAlone(['x'], () => {
      calls++;
      return Promise.reject(new Error('no'));
    });
    expect(calls).toBe(1);
    expect(results[0]?.message).toBe('no');
  });
});
