import { KCIDB_LOG_EXCERPT_MAX, logExcerpt } from '@kci-bridge/kcidb';

/**
 * A KCIDB `log_excerpt` from a result's log lines: the lines joined with `\n`, cut to the
 * last `max` characters by `logExcerpt` (NULs dropped, no split surrogate pair).
 */
export function excerptFor(lines: readonly string[], max: number = KCIDB_LOG_EXCERPT_MAX): string {
  // Callers from plain JavaScript may pass anything: read only what is text.
  const list: readonly unknown[] = Array.isArray(lines) ? (lines as readonly unknown[]) : [];
  // Join only the tail that can survive the cut, so a huge array costs no more than `max`.
  const limit = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : KCIDB_LOG_EXCERPT_MAX;
  const tail: string[] = [];
  let length = 0;
  for (let i = list.length - 1; i >= 0 && length <= limit; i--) {
    const line = list[i];
    const text = typeof line === 'string' ? line : '';
    tail.push(text);
    length += text.length + 1;
  }
  return logExcerpt(tail.reverse().join('\n'), limit);
}
