import type { RssSample } from './soak-types';
import { byWindow, caughtUpAfter, leastSquaresSlope, rssSlopeMbPerMinute, soakWindows, windowIndex } from './soak-windows';

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
