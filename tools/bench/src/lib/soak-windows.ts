/**
 * The soak's arithmetic over time, free of I/O: the windows of a run, the least-squares slope of
 * memory samples and when the mapping caught up (which order made which replenishment is in
 * soak-attribution.ts, the "stays flat" checks in soak-targets.ts). `soak.ts` runs the load and
 * records what these functions read.
 */
import { summarize } from './stats';
import type { AttributedReplenishment } from './soak-attribution';
import type { RssSample, SoakOrder, SoakWindow, TimedValue } from './soak-types';

/**
 * The window a moment falls in: windows are `windowMs` wide from 0, `count` of them; undefined
 * outside them (before the load, or after its end).
 *
 * @example
 * windowIndex(31_000, 30_000, 10); // 1
 */
export function windowIndex(atMs: number, windowMs: number, count: number): number | undefined {
  if (!(windowMs > 0)) throw new RangeError(`window width must be positive, got ${windowMs}`);
  const index = Math.floor(atMs / windowMs);
  return index >= 0 && index < count ? index : undefined;
}

/** Groups values into `count` windows of `windowMs`, by their moment; values outside every window are dropped. */
export function byWindow<T>(values: readonly T[], atMs: (value: T) => number, windowMs: number, count: number): T[][] {
  const windows: T[][] = Array.from({ length: count }, () => []);
  for (const value of values) {
    const index = windowIndex(atMs(value), windowMs, count);
    if (index !== undefined) (windows[index] as T[]).push(value);
  }
  return windows;
}

/** `n` to one decimal. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Cuts a run into its windows: per window, the orders sent and their latency, the replenishments
 * created and the latency of those the window's orders caused, the receipts, the largest
 * IteratorAge and the last RSS sample.
 *
 * @example
 * soakWindows({ durationMs: 300_000, windows: 10, orders, replenishmentsCreatedAtMs, attributed, receiptsAtMs, iteratorAges, rss });
 */
export function soakWindows(input: {
  readonly durationMs: number;
  readonly windows: number;
  readonly orders: readonly SoakOrder[];
  readonly replenishmentsCreatedAtMs: readonly number[];
  readonly attributed: readonly AttributedReplenishment[];
  readonly receiptsAtMs: readonly number[];
  readonly iteratorAges: readonly TimedValue[];
  readonly rss: readonly RssSample[];
}): SoakWindow[] {
  const { durationMs, windows: count } = input;
  if (!(Number.isInteger(count) && count > 0)) throw new RangeError(`the number of windows must be a positive integer, got ${count}`);
  const windowMs = durationMs / count;
  const orders = byWindow(input.orders, (o) => o.sentAtMs, windowMs, count);
  const created = byWindow(input.replenishmentsCreatedAtMs, (t) => t, windowMs, count);
  const attributed = byWindow(input.attributed, (a) => a.sentAtMs, windowMs, count);
  const receipts = byWindow(input.receiptsAtMs, (t) => t, windowMs, count);
  const ages = byWindow(input.iteratorAges, (a) => a.atMs, windowMs, count);
  const rss = byWindow(input.rss, (s) => s.atS * 1000, windowMs, count);
  return orders.map((sent, i): SoakWindow => {
    const latency = sent.length > 0 ? summarize(sent.map((o) => o.latencyMs)) : undefined;
    const caused = attributed[i] ?? [];
    const replenishmentLatency = caused.length > 0 ? summarize(caused.map((a) => a.latencyMs)) : undefined;
    const lastRss = rss[i]?.[(rss[i]?.length ?? 0) - 1];
    const windowAges = ages[i] ?? [];
    return {
      fromS: round1((i * windowMs) / 1000),
      toS: round1(((i + 1) * windowMs) / 1000),
      ordersSent: sent.length,
      placed: sent.filter((o) => o.outcome === 'placed').length,
      outOfStock: sent.filter((o) => o.outcome === 'out-of-stock').length,
      latency: latency && { p50: latency.p50, p99: latency.p99 },
      replenishmentsCreated: created[i]?.length ?? 0,
      replenishmentLatency: replenishmentLatency && { count: replenishmentLatency.count, p50: replenishmentLatency.p50, p99: replenishmentLatency.p99 },
      receipts: receipts[i]?.length ?? 0,
      iteratorAgeMaxMs: windowAges.length > 0 ? Math.max(...windowAges.map((a) => a.value)) : undefined,
      stackRssMb: lastRss?.stackMb,
      stackThreads: lastRss?.stackThreads,
      dynamodbRssMb: lastRss?.dynamodbMb,
    };
  });
}

/**
 * The least-squares slope of y over x (ordinary linear regression).
 *
 * @example
 * leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }]); // 2
 */
export function leastSquaresSlope(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): number {
  if (points.length < 2) throw new RangeError(`a slope needs at least 2 points, got ${points.length}`);
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  if (sxx === 0) throw new RangeError('a slope needs points at two different x at least');
  return points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
}

/**
 * MB per minute of one series of RSS samples, fitted over those taken at or after `fromS`
 * (rounded to 0.01).
 *
 * @example
 * rssSlopeMbPerMinute(samples, 60, (s) => s.stackMb);
 */
export function rssSlopeMbPerMinute(samples: readonly RssSample[], fromS: number, value: (sample: RssSample) => number): number {
  const slopePerSecond = leastSquaresSlope(samples.filter((s) => s.atS >= fromS).map((s) => ({ x: s.atS, y: value(s) })));
  return Math.round(slopePerSecond * 60 * 100) / 100;
}

/**
 * How long after `fromMs` the mapping caught up for good: the first reading at or after it from
 * which every later reading shows IteratorAge 0; undefined when the last reading is not 0.
 *
 * @example
 * caughtUpAfter([{ atMs: 1000, value: 300 }, { atMs: 2000, value: 0 }], 500); // 1500
 */
export function caughtUpAfter(iteratorAges: readonly TimedValue[], fromMs: number): number | undefined {
  const after = [...iteratorAges].filter((a) => a.atMs >= fromMs).sort((a, b) => a.atMs - b.atMs);
  let caughtUpAt: number | undefined;
  for (const reading of after) {
    if (reading.value !== 0) caughtUpAt = undefined;
    else caughtUpAt ??= reading.atMs;
  }
  return caughtUpAt === undefined ? undefined : caughtUpAt - fromMs;
}
