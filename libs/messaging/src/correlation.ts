import { AsyncLocalStorage } from 'node:async_hooks';

/** The correlation id of the request or event being handled, for logs and published events. */
export const correlation = new AsyncLocalStorage<{ correlationId: string }>();

/** The current correlation id, if any. */
export function currentCorrelationId(): string | undefined {
  return correlation.getStore()?.correlationId;
}
