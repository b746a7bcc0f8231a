import type { RunState } from '@kci-bridge/contracts';

/** The run state machine: requested → launched → running → finished | failed | timed_out. */
const NEXT: Record<RunState, readonly RunState[]> = {
  requested: ['launched', 'failed', 'timed_out'],
  launched: ['running', 'finished', 'failed', 'timed_out'],
  running: ['finished', 'failed', 'timed_out'],
  finished: [],
  failed: [],
  timed_out: [],
};

/** Whether a run may move from `from` to `to`. */
export function canTransition(from: RunState, to: RunState): boolean {
  return NEXT[from].includes(to);
}

/** True once a run can no longer change. */
export function isTerminal(state: RunState): boolean {
  return NEXT[state].length === 0;
}
