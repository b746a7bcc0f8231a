/** How `up` restarts a service that died: exponential backoff, and a cap per time window. */
export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more and the supervisor gives up. */
  maxRestarts: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** At most 5 restarts a minute, waiting 0.5 s, 1 s, 2 s, 4 s, 8 s. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

export type RestartDecision =
  | { action: 'restart'; delayMs: number; /** 1-based, within the window */ attempt: number }
  | { action: 'give-up'; restartsInWindow: number };

/**
 * Decides what to do when a service dies at `now`, given the times of its earlier restarts.
 * Pure: the supervisor records `now` as a restart time when it restarts.
 */
export function decideRestart(
  earlierRestarts: readonly number[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const recent = earlierRestarts.filter((t) => now - t < policy.windowMs).length;
  if (recent >= policy.maxRestarts) return { action: 'give-up', restartsInWindow: recent };
  const delayMs = Math.min(policy.baseDelayMs * 2 ** recent, policy.maxDelayMs);
  return { action: 'restart', delayMs, attempt: recent + 1 };
}
