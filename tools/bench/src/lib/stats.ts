/** Percentiles and a summary of a sample of durations (milliseconds). */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The p-th percentile (0..100) of sorted values, nearest-rank method: the smallest value such
 * that at least p % of the sample is at or below it (what "p99 = 480 ms" means to a reader).
 *
 * @example
 * percentile([1, 2, 3, 4], 50); // 2
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/**
 * Count, min, p50, p95, p99, max and mean of a sample, rounded to 0.1 ms.
 *
 * @example
 * summarize([12, 8, 30]).p50; // 12
 */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    min: round(percentile(sorted, 0)),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] as number),
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
  };
}

/** The median of a few repeated measurements (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Points of the empirical distribution (latency at each percentile from 1 to 100), for a CDF plot. */
export function distribution(values: readonly number[], points = 100): Array<{ readonly percentile: number; readonly value: number }> {
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: points }, (_, i) => {
    const p = ((i + 1) * 100) / points;
    return { percentile: p, value: percentile(sorted, p) };
  });
}
