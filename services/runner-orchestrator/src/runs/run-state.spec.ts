import type { RunState } from '@kci-bridge/contracts';
import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal } from './run-state.js';

const ALL: RunState[] = ['requested', 'launched', 'running', 'finished', 'failed', 'timed_out'];

describe('run state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = ALL.flatMap((from) =>
      ALL.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed).toEqual([
      'requested->launched',
      'requested->failed',
      'requested->timed_out',
      'launched->running',
      'launched->finished',
      'launched->failed',
      'launched->timed_out',
      'running->finished',
      'running->failed',
      'running->timed_out',
    ]);
  });

  it('never leaves a terminal state (a repeated callback changes nothing)', () => {
    expect(ALL.filter(isTerminal)).toEqual(['finished', 'failed', 'timed_out']);
  });
});
