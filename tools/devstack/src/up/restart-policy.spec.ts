import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, decideRestart } from './restart-policy.js';

describe('decideRestart', () => {
  it('backs off exponentially: 0.5 s, 1 s, 2 s, 4 s, 8 s', () => {
    const restarts: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const now = 1_000 + i * 100;
      const d = decideRestart(restarts, now);
      if (d.action !== 'restart') throw new Error(`gave up at ${i}`);
      expect(d.attempt).toBe(i + 1);
      delays.push(d.delayMs);
      restarts.push(now);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('gives up on the sixth death within a minute', () => {
    const restarts = [0, 1_000, 2_000, 3_000, 4_000];
    expect(decideRestart(restarts, 59_999)).toEqual({ action: 'give-up', restartsInWindow: 5 });
  });

  it('forgets restarts older than the window', () => {
    const restarts = [0, 1_000, 2_000, 3_000, 4_000];
    expect(decideRestart(restarts, 61_500)).toEqual({
      action: 'restart',
      delayMs: 4_000,
      attempt: 4,
    });
    expect(decideRestart(restarts, 200_000)).toEqual({
      action: 'restart',
      delayMs: 500,
      attempt: 1,
    });
  });

  it('caps the delay', () => {
    const policy = { ...DEFAULT_RESTART_POLICY, maxRestarts: 20, maxDelayMs: 3_000 };
    expect(decideRestart([1, 2, 3, 4, 5, 6], 10, policy)).toMatchObject({ delayMs: 3_000 });
  });
});
