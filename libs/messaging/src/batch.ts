import { describeError } from './outcome.js';

/** Whatever was thrown, as an Error (a batch handler's per-message result). */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(describeError(e));
}

/**
 * The usual body of an `OnEventBatch` handler: does the work for the whole batch at once (one
 * transaction), and if that fails, for each item on its own, so that one bad message fails
 * alone instead of taking its batch to the dead letters with it. `work` must be idempotent, as
 * every handler is: items of a failed batch may have been partly done. Returns one result per
 * item, as `BatchResults` wants.
 */
export async function inBatchOrAlone<T>(
  items: readonly T[],
  work: (items: readonly T[]) => Promise<void>,
  onBatchFailed?: (error: unknown) => void,
): Promise<(Error | undefined)[]> {
  try {
    await work(items);
    return items.map(() => undefined);
  } catch (e) {
    if (items.length === 1) return [toError(e)];
    onBatchFailed?.(e);
  }
  const results: (Error | undefined)[] = [];
  for (const item of items) {
    try {
      await work([item]);
      results.push(undefined);
    } catch (e) {
      results.push(toError(e));
    }
  }
  return results;
}
