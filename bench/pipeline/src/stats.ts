/** Latency percentiles (nearest rank) of samples in milliseconds. */
export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: at(1), count: sorted.length };
}
