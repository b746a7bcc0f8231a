/** KCIDB's upper bound for `log_excerpt` (schema maxLength). */
export const KCIDB_LOG_EXCERPT_MAX = 16384;

// A lone surrogate cannot be encoded as UTF-8: the ingester would choke on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The tail of a log fit for `log_excerpt`: NULs removed, the last `maxChars`
 * UTF-16 units kept (the end of a log is where it failed), no split surrogate pair.
 */
export function logExcerpt(text: string, maxChars: number = KCIDB_LOG_EXCERPT_MAX): string {
  const limit = Number.isNaN(maxChars) ? KCIDB_LOG_EXCERPT_MAX : Math.max(0, Math.floor(maxChars));
  const clean = text.replaceAll('\0', '');
  if (limit === 0) return '';
  let tail = clean.length > limit ? clean.slice(clean.length - limit) : clean;
  const first = tail.charCodeAt(0);
  // The cut fell between the two halves of a pair: drop the orphaned low half.
  if (clean.length > limit && first >= 0xdc00 && first <= 0xdfff) tail = tail.slice(1);
  return tail.replace(LONE_SURROGATE, '\uFFFD');
}
