/**
 * The soak's "stays flat" checks, computed from a run's details: what "flat" means
 * ({@link SOAK_TARGETS}) and the target checks built from it.
 */
import type { TargetCheck } from './results';
import type { SoakDetails, SoakOptions } from './soak-types';
import { round1 } from './soak-windows';
import { median } from './stats';

/**
 * What "flat" means, in one place (the checks below compute every bound from these).
 *
 * - `p99Factor`: the last window's p99 of `POST /orders` against the median window's. A 30 s
 *   window at 50 orders/s holds 1,500 orders, so its p99 rests on its 15 slowest: a GC pause or a
 *   neighbour on this shared 2-core machine moves it. 1.5× leaves room for that noise, while a real
 *   drift (a structure growing with every order, a heap that makes GC ever slower) climbs steadily
 *   for 300 s and ends well past it. The median window, not the first, is the reference: one
 *   window at either end may still carry the warm-up or a neighbour's burst.
 * - `rssSlopeMbPerMinute`: the stack process's resident memory (the HTTP server, the IAM proxies,
 *   the mapping's poller and the function worker threads all live in it) may grow by at most this
 *   much per minute, fitted over the samples after the first `rssSettleFraction` of the run (60 s
 *   of 300: V8 sizes its heaps to the working set during the first minute). At 50 orders/s that is
 *   3,000 orders a minute: a leak of more than ~3.4 kB per order exceeds it, while the heaps'
 *   settling (young generation resizing, code caches) stays under it once the first minute is out.
 * - `lagFactor` and `lagSlackMs`: the consumer's lag in the last window against the median
 *   window's, for both figures of it: the mapping's IteratorAge at its worst in the window, and the
 *   p99 of order → replenishment. A consumer that keeps up stays near one poll interval plus a
 *   batch's work; one that falls behind lags more with every second, so 2× shows it within a window
 *   or two. The second of slack covers what a window's worst moves by when nothing drifts: a poll
 *   interval or so, metrics.json's once-a-second rewrite, and a window's few replenishments (about
 *   40 in 30 s, so their p99 is their slowest).
 * - `catchUpMs`: after the load, the mapping shows IteratorAge 0 for good (nothing left to hand to
 *   the function) within this. A consumer in step with the load has a poll interval or two of
 *   records left; 30 s would mean it was half a minute behind.
 */
export const SOAK_TARGETS = {
  p99Factor: 1.5,
  rssSlopeMbPerMinute: 10,
  rssSettleFraction: 0.2,
  lagFactor: 2,
  lagSlackMs: 1000,
  catchUpMs: 30_000,
} as const;

/** Seconds of the run before the memory slope is fitted (the heaps settle first). */
export const rssSettleSeconds = (options: Pick<SoakOptions, 'durationMs'>): number => (options.durationMs * SOAK_TARGETS.rssSettleFraction) / 1000;

const msList = (values: ReadonlyArray<number | undefined>): string => values.map((v) => (v === undefined ? '—' : String(v))).join(', ');

/** The last window's value against the median window's: `factor × median + slack`; the windows without a value are left out of the median. */
function lastAgainstMedian(values: ReadonlyArray<number | undefined>, factor: number, slack: number): { last: number | undefined; median: number | undefined; bound: number | undefined; met: boolean } {
  const measured = values.filter((v): v is number => v !== undefined);
  const middle = measured.length > 0 ? round1(median(measured)) : undefined;
  const bound = middle === undefined ? undefined : round1(factor * middle + slack);
  const last = values[values.length - 1];
  return { last, median: middle, bound, met: last !== undefined && bound !== undefined && last <= bound };
}

/**
 * The soak's "stays flat" targets, computed from the run's details with {@link SOAK_TARGETS}:
 * API p99, the stack's memory, the consumer's lag as the mapping reports it (IteratorAge, and the
 * catch-up after the load), and the consumer's lag as a client sees it (order → replenishment).
 */
export function soakTargetChecks(
  details: Pick<SoakDetails, 'windows' | 'rss' | 'stackRssSlopeMbPerMinute' | 'dynamodbRssSlopeMbPerMinute' | 'catchUpMs' | 'options'>,
): TargetCheck[] {
  const t = SOAK_TARGETS;
  const { windows } = details;

  const p99s = windows.map((w) => w.latency?.p99);
  const p99 = lastAgainstMedian(p99s, t.p99Factor, 0);

  const settleS = round1(rssSettleSeconds(details.options));
  const fitted = details.rss.filter((s) => s.atS >= settleS);
  const firstFitted = fitted[0];
  const lastFitted = fitted[fitted.length - 1];

  const ages = windows.map((w) => w.iteratorAgeMaxMs);
  const age = lastAgainstMedian(ages, t.lagFactor, t.lagSlackMs);
  const lags = windows.map((w) => w.replenishmentLatency?.p99);
  const lag = lastAgainstMedian(lags, t.lagFactor, t.lagSlackMs);
  const lagRule = `last window's ≤ ${t.lagFactor} × the median window's + ${t.lagSlackMs / 1000} s`;

  return [
    {
      name: 'API p99 stays flat (POST /orders, last window vs median window)',
      target: `last window's p99 ≤ ${t.p99Factor} × the median window's`,
      measured: `last ${p99.last ?? '—'} ms vs median ${p99.median ?? '—'} ms (bound ${p99.bound ?? '—'} ms); per window: ${msList(p99s)} ms`,
      met: p99.met,
    },
    {
      name: "stack process's RSS stays flat",
      target: `≤ ${t.rssSlopeMbPerMinute} MB/min (least squares, samples after the first ${settleS} s)`,
      measured:
        firstFitted && lastFitted && details.stackRssSlopeMbPerMinute !== undefined
          ? `${details.stackRssSlopeMbPerMinute} MB/min (${firstFitted.stackMb} → ${lastFitted.stackMb} MB and ${firstFitted.stackThreads} → ${lastFitted.stackThreads} threads over ${firstFitted.atS}–${lastFitted.atS} s; ` +
            `DynamoDB Local's JVM, no target: ${details.dynamodbRssSlopeMbPerMinute} MB/min, ${firstFitted.dynamodbMb} → ${lastFitted.dynamodbMb} MB)`
          : `fewer than 2 RSS samples after the first ${settleS} s`,
      met: details.stackRssSlopeMbPerMinute !== undefined && details.stackRssSlopeMbPerMinute <= t.rssSlopeMbPerMinute,
    },
    {
      name: "consumer lag stays flat (the mapping's IteratorAge)",
      target: `max per window: ${lagRule}; caught up ≤ ${t.catchUpMs / 1000} s after the load`,
      measured:
        `last ${age.last ?? '—'} ms vs median ${age.median ?? '—'} ms (bound ${age.bound ?? '—'} ms); ` +
        `caught up ${details.catchUpMs === undefined ? 'never' : `${round1(details.catchUpMs / 1000)} s`} after the load; per window: ${msList(ages)} ms`,
      met: age.met && details.catchUpMs !== undefined && details.catchUpMs <= t.catchUpMs,
    },
    {
      name: 'order → replenishment stays flat (p99 per window)',
      target: lagRule,
      measured: `last ${lag.last ?? '—'} ms vs median ${lag.median ?? '—'} ms (bound ${lag.bound ?? '—'} ms); per window: ${msList(lags)} ms`,
      met: lag.met,
    },
  ];
}
