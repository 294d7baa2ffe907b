import { SOAK_TARGETS, soakTargetChecks } from './soak-targets';
import { SOAK_OPTIONS, type RssSample, type SoakOptions, type SoakWindow } from './soak-types';

const options: SoakOptions = SOAK_OPTIONS;

const FLAT_LAGS = [300, 320, 290, 310, 300, 330, 300, 310, 320, 305];

/** Ten 30 s windows with the given p99s, IteratorAge maxima and order → replenishment p99s (the rest of each row is filler). */
const windowsOf = (p99s: readonly number[], ages: readonly number[], lags: readonly number[] = FLAT_LAGS): SoakWindow[] =>
  p99s.map((p99, i) => ({
    fromS: i * 30,
    toS: (i + 1) * 30,
    ordersSent: 1500,
    placed: 1500,
    outOfStock: 0,
    latency: { p50: 5, p99 },
    replenishmentsCreated: 40,
    replenishmentLatency: { count: 40, p50: 150, p99: lags[i] as number },
    receipts: 40,
    iteratorAgeMaxMs: ages[i],
    stackRssMb: 200,
    stackThreads: 30,
    dynamodbRssMb: 500,
  }));

/** RSS every 5 s for 300 s, the stack growing by `stackMbPerMinute`. */
const rssGrowing = (stackMbPerMinute: number): RssSample[] =>
  Array.from({ length: 60 }, (_, i) => ({ atS: i * 5, stackMb: 200 + (stackMbPerMinute * i * 5) / 60, stackThreads: 30, dynamodbMb: 400 + i }));

describe('soakTargetChecks', () => {
  const flat = {
    options,
    windows: windowsOf([20, 22, 19, 21, 20, 23, 20, 21, 22, 21], [400, 420, 380, 410, 400, 390, 420, 400, 410, 405]),
    rss: rssGrowing(1),
    stackRssSlopeMbPerMinute: 1,
    dynamodbRssSlopeMbPerMinute: 12,
    catchUpMs: 1_200,
  };

  it('meets all four targets when nothing drifts', () => {
    // Act
    const checks = soakTargetChecks(flat);

    // Assess
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true]);
    expect(checks[0]?.measured).toBe('last 21 ms vs median 21 ms (bound 31.5 ms); per window: 20, 22, 19, 21, 20, 23, 20, 21, 22, 21 ms');
    expect(checks[2]?.measured).toContain('last 405 ms vs median 402.5 ms (bound 1805 ms); caught up 1.2 s after the load');
    expect(checks[3]?.measured).toBe('last 305 ms vs median 307.5 ms (bound 1615 ms); per window: 300, 320, 290, 310, 300, 330, 300, 310, 320, 305 ms');
  });

  it('misses the latency target when the last window p99 climbs past the factor over the median', () => {
    // Prepare: median 21, bound 31.5; the last window 32
    const p99s = [20, 22, 19, 21, 20, 23, 20, 21, 22, 32];

    // Act
    const [latency] = soakTargetChecks({ ...flat, windows: windowsOf(p99s, [400, 420, 380, 410, 400, 390, 420, 400, 410, 405]) });

    // Assess
    expect(latency?.met).toBe(false);
    expect(latency?.target).toBe(`last window's p99 ≤ ${SOAK_TARGETS.p99Factor} × the median window's`);
    expect(latency?.measured).toContain('last 32 ms vs median 21 ms (bound 31.5 ms)');
  });

  it('misses the memory target when the stack grows faster than the bound, and names the samples it fitted', () => {
    // Act
    const [, memory] = soakTargetChecks({ ...flat, rss: rssGrowing(12), stackRssSlopeMbPerMinute: 12 });

    // Assess
    expect(memory?.met).toBe(false);
    expect(memory?.target).toBe(`≤ ${SOAK_TARGETS.rssSlopeMbPerMinute} MB/min (least squares, samples after the first 60 s)`);
    expect(memory?.measured).toMatch(/^12 MB\/min \(212 → 259 MB and 30 → 30 threads over 60–295 s; DynamoDB Local's JVM, no target: 12 MB\/min/);
  });

  it('misses the memory target without enough samples to fit', () => {
    // Act
    const [, memory] = soakTargetChecks({ ...flat, rss: rssGrowing(1).slice(0, 12), stackRssSlopeMbPerMinute: undefined });

    // Assess
    expect(memory).toMatchObject({ met: false, measured: 'fewer than 2 RSS samples after the first 60 s' });
  });

  it('misses the lag target when the last window ages past 2 × the median + 1 s, or the mapping is slow to catch up', () => {
    // Prepare: median 405, bound 1810
    const ages = [400, 420, 380, 410, 400, 390, 420, 400, 410, 1811];

    // Act
    const [, , growing] = soakTargetChecks({ ...flat, windows: windowsOf([20, 22, 19, 21, 20, 23, 20, 21, 22, 21], ages) });
    const [, , slow] = soakTargetChecks({ ...flat, catchUpMs: SOAK_TARGETS.catchUpMs + 1 });
    const [, , never] = soakTargetChecks({ ...flat, catchUpMs: undefined });

    // Assess
    expect(growing?.met).toBe(false);
    expect(growing?.measured).toContain('last 1811 ms vs median 405 ms (bound 1810 ms)');
    expect(slow?.met).toBe(false);
    expect(slow?.measured).toContain('caught up 30 s after the load');
    expect(never?.met).toBe(false);
    expect(never?.measured).toContain('caught up never after the load');
  });

  it("misses the order → replenishment target when the last window's p99 climbs past 2 × the median + 1 s", () => {
    // Prepare: median 310, bound 1620
    const lags = [300, 320, 290, 310, 300, 330, 300, 310, 320, 1621];

    // Act
    const [, , , lag] = soakTargetChecks({ ...flat, windows: windowsOf([20, 22, 19, 21, 20, 23, 20, 21, 22, 21], [400, 420, 380, 410, 400, 390, 420, 400, 410, 405], lags) });

    // Assess
    expect(lag?.met).toBe(false);
    expect(lag?.target).toBe(`last window's ≤ ${SOAK_TARGETS.lagFactor} × the median window's + ${SOAK_TARGETS.lagSlackMs / 1000} s`);
    expect(lag?.measured).toContain('last 1621 ms vs median 310 ms (bound 1620 ms)');
  });
});
