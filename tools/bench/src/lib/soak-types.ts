/**
 * What the soak sends and records: its options, the orders, receipts, replenishments and samples
 * of a run, its windows, and the details a run keeps (the report and the targets read them).
 */
import type { LatencySummary } from './stats';

/** One answered `POST /orders`: its product, when it was sent and answered (ms after the load started), its latency and its answer. */
export interface SoakOrder {
  readonly productId: string;
  readonly sentAtMs: number;
  readonly answeredAtMs: number;
  readonly latencyMs: number;
  readonly outcome: 'placed' | 'out-of-stock';
}

/** A receipt by the warehouse loop: when it was answered and the product's stock after it (from the answer). */
export interface SoakReceipt {
  readonly productId: string;
  readonly atMs: number;
  readonly stockAfter: number;
}

/** A replenishment order the consumer created (its `createdAt`, ms after the load started). */
export interface SoakReplenishment {
  readonly productId: string;
  readonly createdAtMs: number;
}

/** A value read at a moment of the run (ms after the load started). */
export interface TimedValue {
  readonly atMs: number;
  readonly value: number;
}

/** Resident memory (VmRSS) of the stack's process and of DynamoDB Local's JVM, in MB, `atS` seconds into the load. */
export interface RssSample {
  readonly atS: number;
  readonly stackMb: number;
  /** The stack process's threads: each function instance is a worker thread, so a step here is an instance more. */
  readonly stackThreads: number;
  readonly dynamodbMb: number;
}

/** One window of the run: what was sent in it and what the system did in it. */
export interface SoakWindow {
  readonly fromS: number;
  readonly toS: number;
  readonly ordersSent: number;
  readonly placed: number;
  readonly outOfStock: number;
  /** `POST /orders` latency of the orders sent in the window (ms); undefined when none was. */
  readonly latency: { readonly p50: number; readonly p99: number } | undefined;
  /** Replenishment orders the consumer created in the window (their `createdAt`). */
  readonly replenishmentsCreated: number;
  /**
   * Order sent → its replenishment's `createdAt`, for the orders sent in the window that took a
   * product below its threshold (ms); undefined when there were none ({@link attributeReplenishments}).
   */
  readonly replenishmentLatency: { readonly count: number; readonly p50: number; readonly p99: number } | undefined;
  /** Replenishments the warehouse loop received in the window. */
  readonly receipts: number;
  /** The mapping's largest IteratorAge read from metrics.json in the window (ms); undefined when no rewrite fell in it. */
  readonly iteratorAgeMaxMs: number | undefined;
  /** The last RSS sample of the window (MB), with the stack's threads then. */
  readonly stackRssMb: number | undefined;
  readonly stackThreads: number | undefined;
  readonly dynamodbRssMb: number | undefined;
}

export interface SoakOptions {
  /**
   * Before the clock starts, orders ramp up (a quarter of the rate, half, then the full rate, a
   * third of this each), unmeasured: the stack starts cold (function instances, JIT), and a cold
   * stack hit at once by the full rate queues orders for seconds, which would say nothing about
   * drift.
   */
  readonly warmupMs: number;
  /** How long orders are sent, measured (ms). */
  readonly durationMs: number;
  /** How many equal windows the run is cut into. */
  readonly windows: number;
  readonly ratePerSecond: number;
  readonly products: number;
  /** The most a product starts with; the stocks are spread from threshold + 1 up to this. */
  readonly stock: number;
  readonly reorderThreshold: number;
  readonly amountToReplenish: number;
  /** The warehouse loop lists the pending replenishments this often … */
  readonly warehouseEveryMs: number;
  /** … and receives those created at least this long ago. */
  readonly receiveAfterMs: number;
  /** RSS is read from /proc this often. */
  readonly rssEveryMs: number;
  /** Seed of the products the orders go to (the same seed sends the same sequence). */
  readonly seed: number;
  /** The synthesized stack to run; default the dev synth. */
  readonly synthPath?: string;
  /** IAM mode of the stack; default enforce, as `npm start`. */
  readonly iam?: 'enforce' | 'off';
}

/** The full soak: 300 s at 50 orders/s over 100 products, cut into 10 windows of 30 s. */
export const SOAK_OPTIONS: SoakOptions = {
  warmupMs: 15_000,
  durationMs: 300_000,
  windows: 10,
  ratePerSecond: 50,
  products: 100,
  stock: 50,
  reorderThreshold: 20,
  amountToReplenish: 40,
  warehouseEveryMs: 2_000,
  receiveAfterMs: 5_000,
  rssEveryMs: 5_000,
  seed: 1,
};

/** `--quick`: the same load for 30 s (windows of 3 s, RSS every second, a shorter ramp-up), to check the tool works. */
export const SOAK_QUICK_OPTIONS: SoakOptions = { ...SOAK_OPTIONS, warmupMs: 6_000, durationMs: 30_000, rssEveryMs: 1_000 };


/** What a soak run recorded: the report's tables and plots, and the targets, are computed from it. */
export interface SoakDetails {
  readonly options: SoakOptions;
  readonly windows: readonly SoakWindow[];
  readonly rss: readonly RssSample[];
  /** Least-squares slope of the stack's RSS over the samples after the settling time (MB per minute); undefined with fewer than 2 such samples. */
  readonly stackRssSlopeMbPerMinute: number | undefined;
  /** The same for DynamoDB Local's JVM: reported, no target (it holds the data, which grows). */
  readonly dynamodbRssSlopeMbPerMinute: number | undefined;
  /** From the end of the load to the mapping showing IteratorAge 0 for good (ms); undefined if it never did. */
  readonly catchUpMs: number | undefined;
  /** The ramp-up's orders (not in the windows), with their latency (ms). */
  readonly warmup: { readonly orders: number; readonly latency: LatencySummary | undefined };
  /** Every measured order: latency summary (ms). */
  readonly orderLatency: LatencySummary;
  /** Order → replenishment over the whole run (ms), and the products whose replenishments could not be told apart. */
  readonly replenishmentLatency: LatencySummary | undefined;
  readonly attribution: { readonly attributed: number; readonly productsLeftOut: readonly string[] };
  readonly totals: {
    readonly ordersSent: number;
    readonly placed: number;
    readonly outOfStock: number;
    readonly receipts: number;
    /** Replenishments created from the start of the measured stretch on (not the ramp-up's). */
    readonly replenishments: number;
    /** Of those, created after the measured stretch (the consumer finishing the last records). */
    readonly replenishmentsAfterLoad: number;
  };
  /** The state at the end, once the mapping was quiet: every short product had exactly one PENDING replenishment. */
  readonly finalCheck: { readonly products: number; readonly short: number; readonly pending: number };
  /** How late the open-loop scheduler sent an order, at worst (a late load generator makes the figures suspect). */
  readonly maxStartLagMs: number;
  /** The function the mapping invokes (metrics.json). */
  readonly mappingFunction: string;
}
