import { LIMITS } from './limits.js';

/**
 * A KCIDB path segment from any text: every run of characters outside [A-Za-z0-9_-]
 * becomes `_`, leading and trailing `_` go, and at most 200 characters stay.
 * Returns '' when nothing is left, so the caller can choose a fallback name.
 */
export function sanitiseSegment(text: string): string {
  const replaced = text.slice(0, LIMITS.maxSegmentChars * 4).replace(/[^A-Za-z0-9_-]+/g, '_');
  // A manual trim: /^_+|_+$/ would backtrack quadratically on long runs of `_`.
  let start = 0;
  let end = replaced.length;
  while (start < end && replaced.charCodeAt(start) === 0x5f) start++;
  while (end > start && replaced.charCodeAt(end - 1) === 0x5f) end--;
  return replaced.slice(start, Math.min(end, start + LIMITS.maxSegmentChars));
}

/** `sanitiseSegment(text)`, or `fallback` when that is empty. */
export function segmentOr(text: string, fallback: string): string {
  return sanitiseSegment(text) || fallback;
}

/**
 * Hands out unique result paths: a path already taken gets `_dup2`, `_dup3`, ... on its
 * last segment, as Linaro's kselftest parser names repeated tests.
 */
export class PathRegistry {
  private readonly taken = new Set<string>();
  /** Per repeated path, the next `_dup` number to try, so n repeats cost O(n), not O(n²). */
  private readonly nextDup = new Map<string, number>();

  claim(path: readonly string[]): string[] {
    const key = path.join('.');
    if (!this.taken.has(key)) {
      this.taken.add(key);
      return [...path];
    }
    const head = path.slice(0, -1);
    const last = path.at(-1) ?? 'test';
    for (let n = this.nextDup.get(key) ?? 2; ; n++) {
      const candidate = [...head, `${last}_dup${n}`];
      const candidateKey = candidate.join('.');
      if (!this.taken.has(candidateKey)) {
        this.taken.add(candidateKey);
        this.nextDup.set(key, n + 1);
        return candidate;
      }
    }
  }
}
