import { runP1, type P1Details } from './p1-orders-throughput';
import { P2_P99_TARGET_MS, runP2 } from './p2-stream-latency';
import { runP3, type P3RunDetails, type P3Variant } from './p3-consumer-drain';
import { P3_TARGETS, runP3Production } from './p3-production-backlog';
import { runP4 } from './p4-bundles';
import { runSoak } from './soak';
import { soakTargetChecks } from './soak-targets';
import { SOAK_OPTIONS, SOAK_QUICK_OPTIONS } from './soak-types';
import type { BenchmarkId, TargetCheck } from './results';

export interface BenchmarkContext {
  /** A short run that checks the tool works; not figures to quote. */
  readonly quick: boolean;
  /** P1: also measure serverless-offline (`--no-peer` leaves it out). */
  readonly peer: boolean;
  readonly log: (line: string) => void;
}

export interface BenchmarkOutcome {
  readonly targets: readonly TargetCheck[];
  readonly details: unknown;
  readonly notes: readonly string[];
}

export interface Benchmark {
  readonly title: string;
  run(context: BenchmarkContext): Promise<BenchmarkOutcome>;
}

/** The benchmarks' targets (the README's table). */
export const TARGETS = { p1Ratio: 0.85, p1PeerRatio: 1.2, p1PeerRatioAtLimit: 1, p1LimitConcurrency: 32, p4Bytes: 500_000, p4InitMs: 80 } as const;

const list = (values: ReadonlyArray<readonly [string | number, number]>, unit = ''): string => values.map(([key, value]) => `${key}: ${value}${unit}`).join(', ');

/** P1's targets: against raw TransactWriteItems in each IAM mode, and against serverless-offline (the headline mode). */
export function p1Targets(details: P1Details): TargetCheck[] {
  const targets = details.modes.map(({ iam, cells }): TargetCheck => ({
    name: `API/raw throughput ratio (IAM ${iam})`,
    target: `≥ ${TARGETS.p1Ratio} at concurrency 1, 8 and 32`,
    measured: list(cells.map((c) => [`c${c.concurrency}`, c.ratio])),
    met: cells.every((c) => c.ratio >= TARGETS.p1Ratio),
  }));
  const [headline] = details.modes;
  const wanted = (concurrency: number): number => (concurrency >= TARGETS.p1LimitConcurrency ? TARGETS.p1PeerRatioAtLimit : TARGETS.p1PeerRatio);
  if (headline && details.peer) {
    const measured = headline.cells.filter((c) => c.peerRatio !== undefined);
    targets.push({
      name: `API/serverless-offline throughput ratio (IAM ${headline.iam})`,
      target: `≥ ${TARGETS.p1PeerRatio} at concurrency 1 and 8, ≥ ${TARGETS.p1PeerRatioAtLimit} at ${TARGETS.p1LimitConcurrency}`,
      measured:
        'unavailable' in details.peer
          ? `not measured: ${details.peer.unavailable.slice(0, 200)}`
          : headline.cells.map((c) => (c.peerRatio !== undefined ? `c${c.concurrency}: ${c.peerRatio}` : `c${c.concurrency}: serverless-offline failed`)).join(', '),
      met: !('unavailable' in details.peer) && measured.length === headline.cells.length && measured.every((c) => (c.peerRatio as number) >= wanted(c.concurrency)),
    });
  }
  return targets;
}

/** P1 … P4 and the soak, as the CLI and the Nx targets run them. */
export const BENCHMARKS: Record<BenchmarkId, Benchmark> = {
  p1: {
    title: 'orders throughput, HTTP API vs serverless-offline vs raw TransactWriteItems',
    async run({ quick, peer, log }) {
      const details = await runP1(
        quick
          ? { concurrencies: [1, 8, 32], durationMs: 1_000, warmupMs: 1_000, rounds: 1, iamModes: ['enforce'], products: 16, peer }
          : { concurrencies: [1, 8, 32], durationMs: 4_000, warmupMs: 3_000, rounds: 4, iamModes: ['enforce', 'off'], products: 64, peer, dynamodbWarmupMaxMs: 60_000 },
        log,
      );
      return { targets: p1Targets(details), details, notes: details.peer && 'unavailable' in details.peer ? [`serverless-offline not measured: ${details.peer.unavailable}`] : [] };
    },
  },
  p2: {
    title: 'stream → replenishment latency',
    async run({ quick, log }) {
      const rates = quick ? [10, 50] : [10, 50, 100, 200];
      // Latency first, with nothing between the stack and DynamoDB Local; then the cost, counted
      // through a proxy in this process (one more hop: its latencies are not quoted).
      const latency = await runP2({ rates, seconds: quick ? 3 : 15, sampleEvery: quick ? 10 : 20, pollIntervalMs: undefined }, log);
      log('P2: counting the requests, second pass');
      const counted = await runP2({ rates, seconds: quick ? 3 : 10, sampleEvery: 0, pollIntervalMs: undefined, countRequests: true }, log);
      const details = { ...latency, steps: latency.steps.map((step, i) => ({ ...step, cost: counted.steps[i]?.cost })) };
      const targets: TargetCheck[] = [
        {
          name: 'p99 order commit → replenishment',
          target: `≤ ${P2_P99_TARGET_MS} ms at 10, 50 and 100 orders/s (200 reported)`,
          measured: list(details.steps.map((s) => [`${s.rate}/s`, s.latency.p99]), ' ms'),
          met: details.steps.filter((s) => s.rate <= 100).every((s) => s.latency.p99 <= P2_P99_TARGET_MS),
        },
      ];
      return { targets, details, notes: ['cost per 1,000 orders from a second, counted pass of ' + (quick ? 3 : 10) + ' s per rate'] };
    },
  },
  p3: {
    title: 'consumer drain, emulator + handler vs raw GetRecords',
    async run({ quick, log }) {
      // The production backlog (written by the stack itself: order and receive transactions, after
      // the consumer's own orders) with and without shortfalls carries the targets; the synthetic
      // backlog (items put straight into the table, every product falling short once, or never) is
      // reported beside it.
      const production = quick ? { products: 20, rounds: 1, iamModes: ['enforce'] as const } : { products: 100, rounds: 4, iamModes: ['enforce', 'off'] as const };
      const synthetic = quick ? { products: 50, versions: 20, rounds: 1, iamModes: ['enforce'] as const } : { products: 200, versions: 50, rounds: 3, iamModes: ['enforce', 'off'] as const };
      const variants: P3Variant[] = [];
      for (const [label, shortfalls] of [['production, with shortfalls', true], ['production, nothing short', false]] as const) {
        log(`P3 backlog ${label}`);
        variants.push({ label, ...(await runP3Production({ ...production, shortfalls }, log)) });
      }
      for (const [label, threshold] of [['synthetic, with shortfalls', 20], ['synthetic, nothing short', 5]] as const) {
        log(`P3 backlog ${label}`);
        variants.push({ label, ...(await runP3({ ...synthetic, threshold }, log)) });
      }
      const figures = variants.flatMap(({ label, modes, shortfalls, options }) =>
        modes.map(({ iam, ratio, asSentRatio, emulatorRate, rawRate, floorRatio, putFloorRatio }) => ({
          label: `${label} (IAM ${iam})`,
          production: options.writer === 'production',
          shortfalls,
          ratio,
          floorRatio: floorRatio ?? 0,
          measured: `${ratio} (${emulatorRate} vs ${rawRate} records/s; against the raw drain parsing as sent: ${asSentRatio ?? '—'})${shortfalls > 0 ? `; against raw drain + the same writes raw: ${floorRatio} (+ the orders alone put raw: ${putFloorRatio})` : ''}`,
        })),
      );
      const targets = figures
        .filter((f) => f.production)
        .map(({ label, shortfalls, ratio, floorRatio, measured }): TargetCheck =>
          shortfalls > 0
            ? { name: `drain, ${label}`, target: `≥ ${P3_TARGETS.shortfallsToFloor} × (raw drain + the same writes raw)`, measured, met: floorRatio >= P3_TARGETS.shortfallsToFloor }
            : { name: `drain, ${label}`, target: `≥ ${P3_TARGETS.nothingShortToRaw} × raw drain`, measured, met: ratio >= P3_TARGETS.nothingShortToRaw },
        );
      const notes = figures.filter((f) => !f.production).map((f) => `beside it, ${f.label}: drain / raw ${f.measured}`);
      const details: P3RunDetails = { variants };
      return { targets, details, notes };
    },
  },
  p4: {
    title: 'bundle size and cold module init',
    async run({ quick, log }) {
      const details = runP4({ samples: quick ? 3 : 15 }, log);
      const targets: TargetCheck[] = [
        {
          name: 'bundle size',
          target: `≤ ${TARGETS.p4Bytes / 1000} kB each`,
          measured: list(details.bundles.map((b) => [b.functionName, Math.round(b.bytes / 100) / 10]), ' kB'),
          met: details.bundles.every((b) => b.bytes <= TARGETS.p4Bytes),
        },
        {
          name: 'cold module init (median)',
          target: `≤ ${TARGETS.p4InitMs} ms each`,
          measured: list(details.bundles.map((b) => [b.functionName, b.init.p50]), ' ms'),
          met: details.bundles.every((b) => b.init.p50 <= TARGETS.p4InitMs),
        },
      ];
      return { targets, details, notes: [] };
    },
  },
  soak: {
    title: '300 s soak: API latency, consumer lag and memory stay flat',
    async run({ quick, log }) {
      const details = await runSoak(quick ? SOAK_QUICK_OPTIONS : SOAK_OPTIONS, log);
      const { totals, finalCheck } = details;
      return {
        targets: soakTargetChecks(details),
        details,
        notes: [
          `${totals.ordersSent} orders (${totals.outOfStock} answered 409 INSUFFICIENT_STOCK), ${totals.replenishments} replenishments (${totals.replenishmentsAfterLoad} after the load), ${totals.receipts} receipts; ` +
            `at the end ${finalCheck.short} of ${finalCheck.products} products short, each with one PENDING replenishment`,
        ],
      };
    },
  },
};
