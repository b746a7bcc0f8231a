import { describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from './errors.js';
import { backoffDelay, decideOutcome } from './outcome.js';

const policy = { maxDeliver: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };
const mid = () => 0.5;

describe('decideOutcome', () => {
  it('acks a handled message', () => {
    expect(decideOutcome(undefined, 1, policy)).toEqual({ action: 'ack' });
  });

  it('terminates a permanent error on its first delivery', () => {
    expect(decideOutcome(new PermanentError('bad build id'), 1, policy)).toEqual({
      action: 'term',
      reason: 'bad build id',
    });
  });

  it('naks a transient error with a delay that grows with each delivery', () => {
    const first = decideOutcome(new Error('db down'), 1, policy, mid);
    const third = decideOutcome(new Error('db down'), 3, policy, mid);
    expect(first).toMatchObject({ action: 'nak', delayMs: 750 });
    expect(third).toMatchObject({ action: 'nak', delayMs: 3_000 });
  });

  it('honours the delay a RetryableError asks for (Retry-After)', () => {
    expect(decideOutcome(new RetryableError('429', 7_000), 1, policy)).toMatchObject({
      action: 'nak',
      delayMs: 7_000,
    });
  });

  it('dead-letters a message still failing at the delivery limit, with the last reason', () => {
    const o = decideOutcome(new Error('db down'), 5, policy);
    expect(o.action).toBe('term');
    expect(o).toMatchObject({ reason: 'gave up after 5 deliveries: db down' });
  });

  it('describes thrown non-errors instead of losing them', () => {
    expect(decideOutcome({ status: 'error' }, 5, policy)).toMatchObject({
      reason: expect.stringContaining('"status":"error"'),
    });
  });
});

describe('backoffDelay', () => {
  it('stays within [exp/2, exp] and never passes the cap', () => {
    for (let n = 1; n < 30; n++) {
      const lo = backoffDelay(n, policy, () => 0);
      const hi = backoffDelay(n, policy, () => 1);
      expect(lo).toBeGreaterThanOrEqual(250);
      expect(hi).toBeLessThanOrEqual(60_000);
      expect(hi).toBeGreaterThanOrEqual(lo);
    }
  });
});
