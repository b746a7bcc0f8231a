import { LIMITS } from './limits.js';
import type { Diagnostics } from './diagnostics.js';

/** The lines of `text` (LF, CRLF or CR), at most `LIMITS.maxLines` of them. */
export function splitLines(text: string, diagnostics: Diagnostics): string[] {
  const lines: string[] = [];
  // A byte-order mark is not part of the first line.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    if (lines.length >= LIMITS.maxLines) {
      diagnostics.add(`input has more than ${LIMITS.maxLines} lines; the rest was not read`);
      break;
    }
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 0x0a || c === 0x0d) break;
      end++;
    }
    lines.push(text.slice(start, end));
    if (end >= text.length) break;
    start = text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
  }
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** A line cut to `LIMITS.maxLineChars`, for log lines kept in results. */
export function clipLine(line: string): string {
  return line.length > LIMITS.maxLineChars ? line.slice(0, LIMITS.maxLineChars) : line;
}

/** The last `LIMITS.maxLogLines` lines, each clipped. */
export function tailLines(lines: readonly string[]): string[] {
  return lines.slice(-LIMITS.maxLogLines).map(clipLine);
}

/** Whether `value` is a plain JSON-like object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NUMERIC = /^[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][+-]?\d{1,4})?$/;

/** A finite number from a number or a numeric string (LAVA sends `"None"` for none). */
export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!NUMERIC.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A duration in seconds (number or numeric string, not negative), or undefined. */
export function toDuration(value: unknown): number | undefined {
  const n = toFiniteNumber(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** `{ value, unit }` from a measurement and its unit; undefined for none or `"None"`. */
export function toMeasurement(
  measurement: unknown,
  unit: unknown,
): { value: number; unit?: string } | undefined {
  const value = toFiniteNumber(measurement);
  if (value === undefined) return undefined;
  const u = typeof unit === 'string' ? unit.trim() : '';
  return u === '' || u === 'None' ? { value } : { value, unit: u.slice(0, 64) };
}
