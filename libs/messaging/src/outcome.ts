import { PermanentError, RetryableError } from './errors.js';

export interface RetryPolicy {
  /** Deliveries before a still-failing message is dead-lettered. */
  maxDeliver: number;
  /** First redelivery delay; doubles each delivery, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export type Outcome =
  | { action: 'ack' }
  | { action: 'nak'; delayMs: number; reason: string }
  | { action: 'term'; reason: string };

/** Exponential backoff with full jitter in the upper half: base * 2^(n-1), capped. */
export function backoffDelay(
  deliveryCount: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, deliveryCount - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Describes an error for a log line or a dead-letter reason, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** The one rule mapping a handler's result to ack / nak / term. */
export function decideOutcome(
  error: unknown,
  deliveryCount: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Outcome {
  if (error === undefined) return { action: 'ack' };
  const reason = describeError(error);
  if (error instanceof PermanentError) return { action: 'term', reason };
  if (deliveryCount >= policy.maxDeliver) {
    return { action: 'term', reason: `gave up after ${deliveryCount} deliveries: ${reason}` };
  }
  const backoff = backoffDelay(deliveryCount, policy, random);
  const delayMs =
    error instanceof RetryableError && error.delayMs !== undefined
      ? Math.max(error.delayMs, 0)
      : backoff;
  return { action: 'nak', delayMs, reason };
}
