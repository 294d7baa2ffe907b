import { performance } from 'node:perf_hooks';

/** What a load run measured: a latency per completed operation, and the rate. */
export interface LoadResult {
  readonly latenciesMs: number[];
  readonly completed: number;
  readonly elapsedMs: number;
  /** Completed operations per second. */
  readonly throughput: number;
}

/**
 * Closed-loop load: `concurrency` workers, each running `operation` again as soon as the previous
 * one finished, for `warmupMs` unmeasured and then `durationMs` measured. An operation that throws
 * stops the run (a benchmark of a failing system measures nothing).
 *
 * @example
 * const { throughput, latenciesMs } = await closedLoop({ concurrency: 8, durationMs: 5_000, warmupMs: 1_000 }, () => placeOrder());
 */
export async function closedLoop(options: { concurrency: number; durationMs: number; warmupMs: number }, operation: () => Promise<void>): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const warmupEnds = performance.now() + options.warmupMs;
  const ends = warmupEnds + options.durationMs;
  let measuredStart = Number.NaN;
  let measuredEnd = warmupEnds;
  const worker = async (): Promise<void> => {
    for (;;) {
      const started = performance.now();
      if (started >= ends) return;
      await operation();
      const finished = performance.now();
      if (started >= warmupEnds) {
        if (Number.isNaN(measuredStart) || started < measuredStart) measuredStart = started;
        latenciesMs.push(finished - started);
        measuredEnd = Math.max(measuredEnd, finished);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  // From the first measured start to the last measured completion: operations started in the window, all finished.
  const elapsedMs = measuredEnd - (Number.isNaN(measuredStart) ? warmupEnds : measuredStart);
  return { latenciesMs, completed: latenciesMs.length, elapsedMs, throughput: (latenciesMs.length * 1000) / elapsedMs };
}

/**
 * Open-loop load: operation `i` starts at `i / ratePerSecond` seconds whatever the previous ones
 * are doing (arrivals do not slow down when the system does, as with real clients), `count` in all.
 * Resolves with each operation's result, in order, and how late the scheduler started them. Once
 * `signal` is aborted no further operation starts (the results then hold the started ones).
 *
 * @example
 * const { results } = await openLoop({ ratePerSecond: 50, count: 500 }, (i) => placeOrder(i));
 */
export async function openLoop<T>(options: { ratePerSecond: number; count: number; signal?: AbortSignal }, operation: (index: number) => Promise<T>): Promise<{ results: T[]; maxStartLagMs: number }> {
  const intervalMs = 1000 / options.ratePerSecond;
  const start = performance.now();
  const running: Promise<T>[] = [];
  let maxStartLagMs = 0;
  for (let i = 0; i < options.count; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (options.signal?.aborted) break;
    maxStartLagMs = Math.max(maxStartLagMs, performance.now() - due);
    running.push(operation(i));
  }
  return { results: await Promise.all(running), maxStartLagMs };
}
