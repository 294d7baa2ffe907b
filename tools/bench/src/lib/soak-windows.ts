/**
 * The soak's arithmetic, free of I/O: windows of a run, which order made which replenishment, the
 * least-squares slope of memory samples and when the mapping caught up (the "stays flat" checks are
 * in soak-targets.ts). `soak.ts` runs the load and records what these functions read.
 */
import { summarize } from './stats';

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
  readonly warmup: { readonly orders: number; readonly latency: ReturnType<typeof summarize> | undefined };
  /** Every measured order: latency summary (ms). */
  readonly orderLatency: ReturnType<typeof summarize>;
  /** Order → replenishment over the whole run (ms), and the products whose replenishments could not be told apart. */
  readonly replenishmentLatency: ReturnType<typeof summarize> | undefined;
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

/** An order that took its product below its threshold, and how long its replenishment took. */
export interface AttributedReplenishment {
  readonly productId: string;
  /** When the order was sent (ms after the load started). */
  readonly sentAtMs: number;
  /** Its replenishment's `createdAt` minus that. */
  readonly latencyMs: number;
}

/**
 * Which order made which replenishment, from what the soak already knows, without a request more:
 * the stock each product started with, its sales (the 201s, quantity 1) and its receipts (whose
 * answers give the stock after them). Replayed per product in the order the answers came, a sale
 * that leaves the stock below the threshold with nothing on order is a shortfall; the product's
 * n-th shortfall made its n-th replenishment (a product has at most one PENDING: the lot covers
 * any shortfall of one unit, and the next shortfall needs a receipt first). The latency is then
 * the replenishment's `createdAt` minus the moment the order was sent, as P2 measures it (both
 * are this machine's wall clock).
 *
 * Sales of one product answered out of their commit order (two in flight at once), or a receipt
 * crossing a sale, could shift a shortfall by one sale; a product whose shortfalls and
 * replenishments do not pair up one to one, or whose shortfall came from a receipt, is left out
 * (and named) rather than guessed.
 *
 * @example
 * const { attributed, productsLeftOut } = attributeReplenishments({ threshold: 20, initialStock, orders, receipts, replenishments });
 */
export function attributeReplenishments(input: {
  readonly threshold: number;
  readonly initialStock: ReadonlyMap<string, number>;
  readonly orders: readonly SoakOrder[];
  readonly receipts: readonly SoakReceipt[];
  readonly replenishments: readonly SoakReplenishment[];
}): { attributed: AttributedReplenishment[]; productsLeftOut: string[] } {
  type Event = { readonly atMs: number; readonly sale?: SoakOrder; readonly receipt?: SoakReceipt };
  const events = new Map<string, Event[]>();
  const add = (productId: string, event: Event): void => {
    const list = events.get(productId) ?? [];
    list.push(event);
    events.set(productId, list);
  };
  for (const sale of input.orders) if (sale.outcome === 'placed') add(sale.productId, { atMs: sale.answeredAtMs, sale });
  for (const receipt of input.receipts) add(receipt.productId, { atMs: receipt.atMs, receipt });
  const made = new Map<string, number[]>();
  for (const { productId, createdAtMs } of input.replenishments) made.set(productId, [...(made.get(productId) ?? []), createdAtMs]);

  const attributed: AttributedReplenishment[] = [];
  const productsLeftOut: string[] = [];
  for (const [productId, stock0] of input.initialStock) {
    let stock = stock0;
    let onOrder = false;
    let unattributable = stock < input.threshold;
    const shortfalls: number[] = [];
    for (const event of (events.get(productId) ?? []).sort((a, b) => a.atMs - b.atMs)) {
      if (event.sale) {
        stock -= 1;
        if (!onOrder && stock < input.threshold) {
          shortfalls.push(event.sale.sentAtMs);
          onOrder = true;
        }
      } else if (event.receipt) {
        stock = event.receipt.stockAfter;
        onOrder = false;
        if (stock < input.threshold) unattributable = true;
      }
    }
    const createdAt = [...(made.get(productId) ?? [])].sort((a, b) => a - b);
    if (unattributable || createdAt.length !== shortfalls.length) {
      productsLeftOut.push(productId);
      continue;
    }
    shortfalls.forEach((sentAtMs, i) => attributed.push({ productId, sentAtMs, latencyMs: (createdAt[i] as number) - sentAtMs }));
  }
  return { attributed, productsLeftOut };
}

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
