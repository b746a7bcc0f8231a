import { LIMITS } from './limits.js';

/** Collects diagnostics up to a bound; past it, the rest are counted in one final line. */
export class Diagnostics {
  private readonly lines: string[] = [];
  private dropped = 0;
  private readonly once = new Set<string>();

  add(message: string): void {
    if (this.lines.length < LIMITS.maxDiagnostics) this.lines.push(message);
    else this.dropped++;
  }

  /** Adds `message` the first time a `key` is seen only (for per-line problems). */
  addOnce(key: string, message: string): void {
    if (this.once.has(key)) return;
    this.once.add(key);
    this.add(message);
  }

  list(): string[] {
    return this.dropped > 0
      ? [...this.lines, `${this.dropped} more diagnostics not shown`]
      : [...this.lines];
  }
}
