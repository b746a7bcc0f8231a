import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst of the per-minute budget, then says how long to wait, per key', () => {
    const limiter = new RateLimiter(3);
    const t0 = 1_000_000;
    expect([0, 1, 2, 3].map(() => limiter.take('a', t0))).toEqual([0, 0, 0, 20]);
    expect(limiter.take('b', t0)).toBe(0);
    expect(limiter.take('a', t0 + 20_000)).toBe(0);
    expect(limiter.take('a', t0 + 20_000)).toBeGreaterThan(0);
  });
});
