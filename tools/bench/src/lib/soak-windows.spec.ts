import {
  attributeReplenishments,
  byWindow,
  caughtUpAfter,
  leastSquaresSlope,
  rssSlopeMbPerMinute,
  soakWindows,
  windowIndex,
  type RssSample,
  SOAK_OPTIONS,
  type SoakOptions,
  type SoakOrder,
  type SoakWindow,
} from './soak-windows';
import { SOAK_TARGETS, soakTargetChecks } from './soak-targets';

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

describe('windowIndex', () => {
  it('puts a moment in the window that holds it, and nothing outside the run in any', () => {
    expect(windowIndex(0, 30_000, 10)).toBe(0);
    expect(windowIndex(29_999, 30_000, 10)).toBe(0);
    expect(windowIndex(30_000, 30_000, 10)).toBe(1);
    expect(windowIndex(299_999, 30_000, 10)).toBe(9);
    expect(windowIndex(300_000, 30_000, 10)).toBeUndefined();
    expect(windowIndex(-1, 30_000, 10)).toBeUndefined();
  });

  it('refuses a window that is not wider than 0', () => {
    expect(() => windowIndex(5, 0, 10)).toThrow('window width must be positive, got 0');
  });
});

describe('byWindow', () => {
  it('groups values by their moment and drops those outside every window', () => {
    // Act
    const groups = byWindow([5, 15, 12, 31, -2, 40], (t) => t, 10, 3);

    // Assess
    expect(groups).toEqual([[5], [15, 12], []]);
  });
});

describe('soakWindows', () => {
  it('counts, per window, the orders sent, their outcomes and latency, replenishments, receipts, the worst IteratorAge and the last RSS sample', () => {
    // Act: 2 windows of 10 s
    const windows = soakWindows({
      durationMs: 20_000,
      windows: 2,
      orders: [
        { productId: 'a', sentAtMs: 1_000, answeredAtMs: 1_004, latencyMs: 4, outcome: 'placed' },
        { productId: 'b', sentAtMs: 2_000, answeredAtMs: 2_008, latencyMs: 8, outcome: 'out-of-stock' },
        { productId: 'a', sentAtMs: 12_000, answeredAtMs: 12_006, latencyMs: 6, outcome: 'placed' },
        { productId: 'a', sentAtMs: 20_500, answeredAtMs: 20_600, latencyMs: 100, outcome: 'placed' },
      ],
      replenishmentsCreatedAtMs: [3_000, 4_000, 21_000],
      attributed: [
        { productId: 'a', sentAtMs: 1_000, latencyMs: 300 },
        { productId: 'c', sentAtMs: 1_500, latencyMs: 500 },
        { productId: 'a', sentAtMs: 20_500, latencyMs: 400 },
      ],
      receiptsAtMs: [15_000],
      iteratorAges: [
        { atMs: 500, value: 300 },
        { atMs: 1_500, value: 700 },
        { atMs: 11_000, value: 0 },
      ],
      rss: [
        { atS: 0, stackMb: 100, stackThreads: 30, dynamodbMb: 300 },
        { atS: 5, stackMb: 101, stackThreads: 30, dynamodbMb: 301 },
        { atS: 10, stackMb: 102, stackThreads: 30, dynamodbMb: 302 },
      ],
    });

    // Assess: the order sent after the end and the replenishments it and others made after it are in no window
    expect(windows).toEqual([
      {
        fromS: 0,
        toS: 10,
        ordersSent: 2,
        placed: 1,
        outOfStock: 1,
        latency: { p50: 4, p99: 8 },
        replenishmentsCreated: 2,
        replenishmentLatency: { count: 2, p50: 300, p99: 500 },
        receipts: 0,
        iteratorAgeMaxMs: 700,
        stackRssMb: 101,
        stackThreads: 30,
        dynamodbRssMb: 301,
      },
      {
        fromS: 10,
        toS: 20,
        ordersSent: 1,
        placed: 1,
        outOfStock: 0,
        latency: { p50: 6, p99: 6 },
        replenishmentsCreated: 0,
        replenishmentLatency: undefined,
        receipts: 1,
        iteratorAgeMaxMs: 0,
        stackRssMb: 102,
        stackThreads: 30,
        dynamodbRssMb: 302,
      },
    ]);
  });

  it('leaves the latency, IteratorAge and RSS of a window with nothing in it undefined', () => {
    // Act
    const [window] = soakWindows({ durationMs: 10_000, windows: 1, orders: [], replenishmentsCreatedAtMs: [], attributed: [], receiptsAtMs: [], iteratorAges: [], rss: [] });

    // Assess
    expect(window).toMatchObject({ ordersSent: 0, latency: undefined, iteratorAgeMaxMs: undefined, stackRssMb: undefined });
  });

  it('refuses a number of windows that is not a positive integer', () => {
    expect(() => soakWindows({ durationMs: 10_000, windows: 0, orders: [], replenishmentsCreatedAtMs: [], attributed: [], receiptsAtMs: [], iteratorAges: [], rss: [] })).toThrow('positive integer, got 0');
  });
});

describe('attributeReplenishments', () => {
  let clock = 0;
  /** A sale of product `productId`, sent now and answered 5 ms later. */
  const sale = (productId: string, outcome: SoakOrder['outcome'] = 'placed'): SoakOrder => {
    clock += 100;
    return { productId, sentAtMs: clock, answeredAtMs: clock + 5, latencyMs: 5, outcome };
  };

  it("pairs each product's n-th shortfall with its n-th replenishment, across receipts", () => {
    // Prepare: 'a' starts at 21 (threshold 20): the 2nd sale takes it to 19; received at stock 18 (+40 = 58); 39 more sales take it to 19 again
    clock = 0;
    const first = [sale('a'), sale('a'), sale('a')];
    const receipt = { productId: 'a', atMs: clock + 50, stockAfter: 58 };
    clock += 100;
    const second = Array.from({ length: 39 }, () => sale('a'));
    const shortfalls = [first[1], second[38]] as [SoakOrder, SoakOrder];

    // Act
    const { attributed, productsLeftOut } = attributeReplenishments({
      threshold: 20,
      initialStock: new Map([['a', 21]]),
      orders: [...second, ...first],
      receipts: [receipt],
      replenishments: [
        { productId: 'a', createdAtMs: shortfalls[1].sentAtMs + 420 },
        { productId: 'a', createdAtMs: shortfalls[0].sentAtMs + 300 },
      ],
    });

    // Assess
    expect(productsLeftOut).toEqual([]);
    expect(attributed).toEqual([
      { productId: 'a', sentAtMs: shortfalls[0].sentAtMs, latencyMs: 300 },
      { productId: 'a', sentAtMs: shortfalls[1].sentAtMs, latencyMs: 420 },
    ]);
  });

  it('does not count an order answered 409 as a sale', () => {
    // Prepare: 21 → 20 → (409, nothing changes) → 19
    clock = 0;
    const orders = [sale('a'), sale('a', 'out-of-stock'), sale('a')];

    // Act
    const { attributed } = attributeReplenishments({ threshold: 20, initialStock: new Map([['a', 21]]), orders, replenishments: [{ productId: 'a', createdAtMs: 1_000 }], receipts: [] });

    // Assess
    expect(attributed).toEqual([{ productId: 'a', sentAtMs: (orders[2] as SoakOrder).sentAtMs, latencyMs: 1_000 - (orders[2] as SoakOrder).sentAtMs }]);
  });

  it('leaves out a product whose shortfalls and replenishments do not pair up, and keeps the others', () => {
    // Prepare: 'a' falls short once but shows two replenishments; 'b' never falls short and shows none
    clock = 0;
    const orders = [sale('a'), sale('a'), sale('b')];

    // Act
    const { attributed, productsLeftOut } = attributeReplenishments({
      threshold: 20,
      initialStock: new Map([['a', 21], ['b', 30]]),
      orders,
      receipts: [],
      replenishments: [{ productId: 'a', createdAtMs: 900 }, { productId: 'a', createdAtMs: 950 }],
    });

    // Assess
    expect(productsLeftOut).toEqual(['a']);
    expect(attributed).toEqual([]);
  });

  it('leaves out a product a receipt left short (no order to attribute that shortfall to)', () => {
    // Prepare: a receipt answered with stock 10 < 20
    clock = 0;
    const orders = [sale('a'), sale('a')];

    // Act
    const { productsLeftOut } = attributeReplenishments({
      threshold: 20,
      initialStock: new Map([['a', 21]]),
      orders,
      receipts: [{ productId: 'a', atMs: clock + 100, stockAfter: 10 }],
      replenishments: [{ productId: 'a', createdAtMs: 500 }, { productId: 'a', createdAtMs: 900 }],
    });

    // Assess
    expect(productsLeftOut).toEqual(['a']);
  });
});

describe('leastSquaresSlope', () => {
  it('is the slope of points on a line', () => {
    expect(leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2, 10);
  });

  it('fits through noise around a line', () => {
    // Prepare: y = 0.5 x + 10, with +1/-1 alternating on top
    const points = Array.from({ length: 20 }, (_, x) => ({ x, y: 0.5 * x + 10 + (x % 2 === 0 ? 1 : -1) }));

    // Act
    const slope = leastSquaresSlope(points);

    // Assess: close to 0.5 (the alternating noise tilts the fit a little)
    expect(slope).toBeGreaterThan(0.45);
    expect(slope).toBeLessThan(0.55);
  });

  it('is 0 for a flat series', () => {
    expect(leastSquaresSlope([{ x: 0, y: 7 }, { x: 5, y: 7 }, { x: 9, y: 7 }])).toBe(0);
  });

  it('refuses fewer than two points or points all at one x', () => {
    expect(() => leastSquaresSlope([{ x: 1, y: 1 }])).toThrow('at least 2 points, got 1');
    expect(() => leastSquaresSlope([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toThrow('two different x');
  });
});

describe('rssSlopeMbPerMinute', () => {
  it('fits per minute over the samples at or after the start only', () => {
    // Prepare: 50 MB of warm-up growth in the first 60 s, then +3 MB a minute
    const samples: RssSample[] = [
      { atS: 0, stackMb: 100, stackThreads: 30, dynamodbMb: 0 },
      { atS: 30, stackMb: 130, stackThreads: 30, dynamodbMb: 0 },
      ...Array.from({ length: 49 }, (_, i) => ({ atS: 60 + i * 5, stackMb: 150 + (3 * i * 5) / 60, stackThreads: 30, dynamodbMb: 400 })),
    ];

    // Act
    const slope = rssSlopeMbPerMinute(samples, 60, (s) => s.stackMb);

    // Assess
    expect(slope).toBe(3);
    expect(rssSlopeMbPerMinute(samples, 60, (s) => s.dynamodbMb)).toBe(0);
  });
});

describe('caughtUpAfter', () => {
  it('is the first reading after the load from which IteratorAge stays 0', () => {
    // Prepare: a 0 between two batches does not count; the last run of zeros does
    const ages = [
      { atMs: 9_000, value: 0 },
      { atMs: 10_000, value: 400 },
      { atMs: 11_000, value: 0 },
      { atMs: 12_000, value: 250 },
      { atMs: 13_000, value: 0 },
      { atMs: 14_000, value: 0 },
    ];

    // Act
    const ms = caughtUpAfter(ages, 9_500);

    // Assess
    expect(ms).toBe(3_500);
  });

  it('is undefined when the last reading is not 0', () => {
    expect(caughtUpAfter([{ atMs: 1_000, value: 0 }, { atMs: 2_000, value: 100 }], 0)).toBeUndefined();
  });
});

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
