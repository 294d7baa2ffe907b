import type { BenchmarkRun } from '../results';
import type { SoakDetails } from '../soak-types';
import { benchmarkReport } from './markdown';
import { soakLatencyPlot, soakRssPlot } from './soak-plots';
import { soakSection } from './soak-section';

const details: SoakDetails = {
  options: { warmupMs: 6_000, durationMs: 30_000, windows: 2, ratePerSecond: 50, products: 100, stock: 50, reorderThreshold: 20, amountToReplenish: 40, warehouseEveryMs: 2_000, receiveAfterMs: 5_000, rssEveryMs: 1_000, seed: 1 },
  windows: [
    { fromS: 0, toS: 15, ordersSent: 750, placed: 749, outOfStock: 1, latency: { p50: 6.1, p99: 21.5 }, replenishmentsCreated: 20, replenishmentLatency: { count: 18, p50: 140, p99: 380 }, receipts: 12, iteratorAgeMaxMs: 480, stackRssMb: 180.2, stackThreads: 30, dynamodbRssMb: 420 },
    { fromS: 15, toS: 30, ordersSent: 750, placed: 750, outOfStock: 0, latency: { p50: 6.3, p99: 23.9 }, replenishmentsCreated: 25, replenishmentLatency: undefined, receipts: 22, iteratorAgeMaxMs: 510, stackRssMb: 181, stackThreads: 30, dynamodbRssMb: 431.5 },
  ],
  rss: [
    { atS: 0, stackMb: 175, stackThreads: 30, dynamodbMb: 410 },
    { atS: 10, stackMb: 180.2, stackThreads: 30, dynamodbMb: 420 },
    { atS: 20, stackMb: 181, stackThreads: 30, dynamodbMb: 431.5 },
  ],
  stackRssSlopeMbPerMinute: 4.8,
  dynamodbRssSlopeMbPerMinute: 69,
  catchUpMs: 1_350,
  warmup: { orders: 175, latency: { count: 175, min: 3, p50: 8, p95: 30, p99: 90, max: 120, mean: 12 } },
  replenishmentLatency: { count: 18, min: 60, p50: 140, p95: 300, p99: 380, max: 380, mean: 150 },
  attribution: { attributed: 18, productsLeftOut: ['soak#7'] },
  orderLatency: { count: 1500, min: 3, p50: 6.2, p95: 12, p99: 22.8, max: 60, mean: 7 },
  totals: { ordersSent: 1500, placed: 1499, outOfStock: 1, receipts: 34, replenishments: 46, replenishmentsAfterLoad: 1 },
  finalCheck: { products: 100, short: 12, pending: 12 },
  maxStartLagMs: 3,
  mappingFunction: 'shop-dev-replenishment-consumer',
};

const run: BenchmarkRun<SoakDetails> = {
  id: 'soak',
  title: 'soak',
  command: 'npx nx run bench:soak -- --quick',
  startedAt: '2026-12-01T10:00:00.000Z',
  durationMs: 45_000,
  load: { before: [0.5, 0.4, 0.3], after: [1.5, 0.7, 0.4] },
  machine: { cpus: 2, cpuModel: 'test', memoryGb: 4, node: 'v24', java: '21', os: 'Linux', commit: 'abc1234', uncommittedChanges: false },
  targets: [{ name: 'API p99 stays flat', target: '≤ 1.5 ×', measured: 'last 23.9 ms', met: true }],
  details,
  notes: [],
};

describe('soakSection', () => {
  it('shows one row per window, the slopes, the catch-up and the end state, and links both plots', () => {
    // Act
    const section = soakSection(run, 'HEADER');

    // Assess
    expect(section.startsWith('## Soak — 30 s of steady load\n\nHEADER\n\n')).toBe(true);
    expect(section).toContain('| 0–15 | 750 | 1 | 6.1 / 21.5 | 20 | 140 / 380 (18) | 12 | 480 | 180.2 (30) | 420 |');
    expect(section).toContain('| 15–30 | 750 | 0 | 6.3 / 23.9 | 25 | — | 22 | 510 | 181 (30) | 431.5 |');
    expect(section).toContain('Order → replenishment: p50 / p95 / p99 140 / 300 / 380 ms, max 380 ms (18 attributed; 1 products left out');
    expect(section).toContain('the stack 4.8 MB/min, DynamoDB Local\'s JVM 69 MB/min');
    expect(section).toContain('The mapping caught up 1.4 s after the load');
    expect(section).toContain('12 of 100 products short, 12 PENDING replenishments');
    expect(section).toContain('stocks spread from 21 to 50');
    expect(section).toContain('ramp up for 6 s (a quarter of the rate, half, then all of it: 175 orders, p50 / p99 8 / 90 ms, in no window)');
    expect(section).toContain('![Soak latency per window](soak-latency.svg)');
    expect(section).toContain('![Soak memory](soak-rss.svg)');
    expect(section).not.toContain('${');
    expect(section).not.toContain('undefined');
  });

  it('is part of the report, after P1 … P4, and its targets are in the summary', () => {
    // Act
    const report = benchmarkReport({ updatedAt: run.startedAt, latest: { soak: run }, history: [] }, undefined);

    // Assess
    expect(report).toContain('## Soak — 30 s of steady load');
    expect(report).toContain('| SOAK API p99 stays flat | ≤ 1.5 × | last 23.9 ms | ✅ met |');
  });
});

describe('soak plots', () => {
  it('draws p50, p99, IteratorAge and order → replenishment per window, and the two processes\' memory per sample', () => {
    // Act
    const latency = soakLatencyPlot(details) as string;
    const rss = soakRssPlot(details) as string;

    // Assess
    expect(latency.match(/<polyline /g)).toHaveLength(4);
    expect(latency).toContain('order → replenishment p99');
    expect(latency).toContain('IteratorAge max');
    expect(rss.match(/<polyline /g)).toHaveLength(2);
    expect(rss).toContain('DynamoDB Local JVM');
    // The memory lines have one point per sample
    const [stackLine] = [...rss.matchAll(/points="([^"]+)"/g)].map((m) => (m[1] as string).split(' '));
    expect(stackLine).toHaveLength(3);
  });

  it('draws nothing for a run without windows or samples', () => {
    expect(soakLatencyPlot({ ...details, windows: [] })).toBeUndefined();
    expect(soakRssPlot({ ...details, rss: [] })).toBeUndefined();
  });
});
