import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchmarkRun, ResultsFile } from '../results';
import type { SoakDetails } from '../soak-types';
import { writeReport } from './write-report';

describe('writeReport with a soak run', () => {
  it('writes the soak plots beside the report, the soak section in it and the soak in the README summary', () => {
    // Prepare: a workspace of its own with a README
    const root = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
    writeFileSync(path.join(root, 'README.md'), '# Shop\n');
    const details = {
      options: { warmupMs: 6_000, durationMs: 30_000, windows: 1, ratePerSecond: 50, products: 100, stock: 50, reorderThreshold: 20, amountToReplenish: 40, warehouseEveryMs: 2_000, receiveAfterMs: 5_000, rssEveryMs: 1_000, seed: 1 },
      windows: [
        {
          fromS: 0,
          toS: 30,
          ordersSent: 1500,
          placed: 1500,
          outOfStock: 0,
          latency: { p50: 9, p99: 40 },
          replenishmentsCreated: 50,
          replenishmentLatency: { count: 50, p50: 140, p99: 260 },
          receipts: 42,
          iteratorAgeMaxMs: 1,
          stackRssMb: 350,
          stackThreads: 17,
          dynamodbRssMb: 141,
        },
      ],
      rss: [
        { atS: 0, stackMb: 330, stackThreads: 17, dynamodbMb: 133 },
        { atS: 29, stackMb: 350, stackThreads: 17, dynamodbMb: 141 },
      ],
      stackRssSlopeMbPerMinute: 41.4,
      dynamodbRssSlopeMbPerMinute: 16.6,
      catchUpMs: 900,
      warmup: { orders: 175, latency: undefined },
      orderLatency: { count: 1500, min: 5, p50: 9, p95: 20, p99: 40, max: 80, mean: 10 },
      replenishmentLatency: { count: 50, min: 50, p50: 140, p95: 240, p99: 260, max: 260, mean: 150 },
      attribution: { attributed: 50, productsLeftOut: [] },
      totals: { ordersSent: 1500, placed: 1500, outOfStock: 0, receipts: 42, replenishments: 50, replenishmentsAfterLoad: 0 },
      finalCheck: { products: 100, short: 12, pending: 12 },
      maxStartLagMs: 2,
      mappingFunction: 'consumer',
    } satisfies SoakDetails;
    const run: BenchmarkRun<SoakDetails> = {
      id: 'soak',
      title: 'soak',
      command: 'npx nx run bench:soak -- --quick',
      startedAt: '2026-12-01T10:00:00.000Z',
      durationMs: 50_000,
      load: { before: [0.5, 0.4, 0.3], after: [1, 0.5, 0.3] },
      machine: { cpus: 2, cpuModel: 'test', memoryGb: 4, node: 'v24', java: '21', os: 'Linux', commit: 'abc1234', uncommittedChanges: false },
      targets: [{ name: "stack process's RSS stays flat", target: '≤ 10 MB/min', measured: '41.4 MB/min', met: false }],
      details,
      notes: [],
    };
    const results: ResultsFile = { updatedAt: run.startedAt, latest: { soak: run }, history: [] };

    // Act
    writeReport(results, root);

    // Assess
    const directory = path.join(root, 'docs', 'benchmarks');
    expect(readFileSync(path.join(directory, 'soak-latency.svg'), 'utf8')).toContain('order → replenishment p99');
    expect(readFileSync(path.join(directory, 'soak-rss.svg'), 'utf8')).toContain('stack process');
    expect(existsSync(path.join(directory, 'p1-latency.svg'))).toBe(false);
    expect(readFileSync(path.join(directory, 'README.md'), 'utf8')).toContain('## Soak — 30 s of steady load');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain("| SOAK stack process's RSS stays flat | ≤ 10 MB/min | 41.4 MB/min | ❌ missed |");
  });
});
