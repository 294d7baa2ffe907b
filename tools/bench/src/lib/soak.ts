import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mapConcurrently } from '@shop/shared-util-async';
import { startDynamoDbLocal } from '@shop/tools-dynamodb-local';
import { DEV_SYNTH_PATH, seededRandom, type StackProcess } from '@shop/tools-local-stack';
import { authorization, startBenchStack } from './bench-stack';
import { JsonClient } from './http-client';
import { openLoop } from './load';
import { readProcessStatus } from './process-memory';
import { checkPendingReplenishments } from './soak-final-check';
import { expectStatus, readProductsAtEnd, startWarehouse } from './soak-shop';
import { attributeReplenishments } from './soak-attribution';
import type { RssSample, SoakDetails, SoakOptions, SoakOrder, TimedValue } from './soak-types';
import { caughtUpAfter, rssSlopeMbPerMinute, soakWindows } from './soak-windows';
import { readMetrics, quietMark } from './stack-cost';
import { rssSettleSeconds } from './soak-targets';
import { summarize } from './stats';
import { workspaceRoot } from './workspace-root';

/** The mapping's IteratorAge now (the largest over the stack's mappings), with the moment metrics.json was written. */
function iteratorAgeNow(stack: StackProcess): { updatedAt: string; iteratorAgeMs: number } {
  const metrics = readMetrics(stack);
  return { updatedAt: metrics.updatedAt, iteratorAgeMs: Math.max(0, ...metrics.mappings.map((m) => m.metrics.IteratorAge)) };
}

/**
 * The soak: the stack as `npm start` runs it (its own process, IAM enforce) under steady,
 * production-like load for `durationMs`, to show that nothing drifts.
 *
 * - Products (threshold 20, lot 40) start with stocks spread from 21 up to 50, so shortfalls come
 *   at a steady rate from the first window instead of in one wave when a common starting stock
 *   runs down (steady state from the start; the 30 s `--quick` run sees replenishments too).
 * - Orders of 1 unit at a fixed rate (open loop) to products drawn at random (seeded), after an
 *   unmeasured ramp-up of `warmupMs` (a quarter of the rate, half, then all of it).
 * - A warehouse loop lists the PENDING replenishments every `warehouseEveryMs` and receives those
 *   older than `receiveAfterMs`: stock comes back, and each product falls short again and again.
 * - Read while it runs: each order's latency and answer (409 INSUFFICIENT_STOCK counted, any other
 *   answer fails the run), the mapping's IteratorAge from metrics.json (rewritten every second), the
 *   resident memory of the stack's process (its main thread and the function worker threads, with
 *   its thread count) and of DynamoDB Local's JVM, from /proc every `rssEveryMs`.
 * - After the run, which order made which replenishment ({@link attributeReplenishments}): the
 *   order → replenishment latency per window, with no request more while it runs.
 * - After the load: the time until the mapping caught up, then, once the stack is quiet, every
 *   product short has exactly one PENDING replenishment and none has two ({@link checkPendingReplenishments}).
 *
 * @example
 * const details = await runSoak(SOAK_QUICK_OPTIONS, console.log);
 */
export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakDetails> {
  const ddb = await startDynamoDbLocal();
  const synthPath = options.synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH);
  let stack: StackProcess | undefined;
  let client: JsonClient | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    stack = await startBenchStack({ dynamodbEndpoint: ddb.endpoint, synthPath, iam: options.iam });
    const running = stack;
    const api = new JsonClient(running.endpoints.apiUrl, 64, await authorization(running.endpoints));
    client = api;
    const stackPid = running.endpoints.pid;

    // Products, their stocks spread evenly over threshold + 1 … stock.
    const span = options.stock - options.reorderThreshold;
    const products = Array.from({ length: options.products }, (_, i) => ({
      productId: `soak#${i}`,
      stock: options.reorderThreshold + 1 + Math.floor((i * span) / options.products),
    }));
    await mapConcurrently(products, 8, async ({ productId, stock }) => {
      const put = await api.send('PUT', `/products/${encodeURIComponent(productId)}`, { stock, reorderThreshold: options.reorderThreshold, amountToReplenish: options.amountToReplenish });
      expectStatus(put, 200, `PUT /products/${productId}`);
    });
    // The consumer has seen the products' INSERTs (none short) before the clock starts.
    await quietMark(running, undefined);
    const mappingFunction = readMetrics(running).mappings[0]?.functionName ?? 'the consumer';

    const controller = new AbortController();
    let failure: unknown;
    const fail = (error: unknown): void => {
      failure ??= error;
      controller.abort();
    };

    // Moments are recorded as this machine's wall clock (epoch ms; the stack stamps createdAt and
    // metrics.json with the same clock) and made relative to the start of the measured stretch at the end.
    const random = seededRandom(options.seed);
    /** One order of 1 unit to a product drawn at random; undefined after a failure (recorded, the run aborted). */
    const order = async (i: number): Promise<SoakOrder | undefined> => {
      const { productId } = products[Math.floor(random() * products.length)] as (typeof products)[number];
      const sentAtMs = Date.now();
      const started = performance.now();
      try {
        const response = await api.send('POST', '/orders', { productId, quantity: 1 });
        const latencyMs = performance.now() - started;
        const answered = { productId, sentAtMs, answeredAtMs: Date.now(), latencyMs };
        if (response.status === 201) return { ...answered, outcome: 'placed' };
        const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
        if (response.status === 409 && code === 'INSUFFICIENT_STOCK') return { ...answered, outcome: 'out-of-stock' };
        expectStatus(response, 201, `POST /orders (order ${i}, ${productId})`);
      } catch (error) {
        fail(error);
      }
      return undefined;
    };

    // The ramp-up: a quarter of the rate, half, then all of it, unmeasured.
    const warmupOrders: SoakOrder[] = [];
    for (const fraction of [0.25, 0.5, 1]) {
      const ratePerSecond = options.ratePerSecond * fraction;
      const { results } = await openLoop({ ratePerSecond, count: Math.round((ratePerSecond * options.warmupMs) / 3 / 1000), signal: controller.signal }, order);
      warmupOrders.push(...results.filter((o): o is SoakOrder => o !== undefined));
    }
    if (failure) throw failure;
    log(`soak: ramped up with ${warmupOrders.length} orders in ${options.warmupMs / 1000} s`);

    const t0 = Date.now();
    const rss: RssSample[] = [];
    const iteratorAges: TimedValue[] = [];
    let lastMetricsWrite = '';
    const sampleRss = (): void => {
      try {
        const stackStatus = readProcessStatus(stackPid);
        rss.push({ atS: Math.round((Date.now() - t0) / 100) / 10, stackMb: stackStatus.rssMb, stackThreads: stackStatus.threads, dynamodbMb: readProcessStatus(ddb.javaPid).rssMb });
      } catch (error) {
        fail(error);
      }
    };
    const sampleIteratorAge = (): void => {
      try {
        const { updatedAt, iteratorAgeMs } = iteratorAgeNow(running);
        if (updatedAt === lastMetricsWrite) return;
        lastMetricsWrite = updatedAt;
        iteratorAges.push({ atMs: Date.parse(updatedAt), value: iteratorAgeMs });
      } catch (error) {
        fail(error);
      }
    };
    sampleRss();
    const rssTimer = setInterval(sampleRss, options.rssEveryMs);
    // metrics.json is rewritten once a second: reading it four times as often sees every rewrite.
    const metricsTimer = setInterval(sampleIteratorAge, 250);
    timers.push(rssTimer, metricsTimer);

    // The warehouse: receives what was ordered a while ago, so stock comes back.
    const warehouse = startWarehouse(api, options, controller.signal, fail);
    const receipts = warehouse.receipts;

    const count = Math.round((options.ratePerSecond * options.durationMs) / 1000);
    log(`soak: ${count} orders at ${options.ratePerSecond}/s over ${options.products} products for ${options.durationMs / 1000} s`);
    const { results, maxStartLagMs } = await openLoop({ ratePerSecond: options.ratePerSecond, count, signal: controller.signal }, order);
    clearInterval(rssTimer);
    await warehouse.stop();
    if (failure) throw failure;
    const loadEndedAt = Date.now();
    const measured = results.filter((o): o is SoakOrder => o !== undefined);
    log(`soak: load done at ${Math.round((loadEndedAt - t0) / 100) / 10} s (${measured.length} orders, ${receipts.length} receipts); waiting for the mapping to catch up`);

    // Caught up: the mapping shows IteratorAge 0 from some reading on; quiet: nothing moves any more.
    await quietMark(running, undefined);
    sampleIteratorAge();
    clearInterval(metricsTimer);
    if (failure) throw failure;
    const catchUpMs = caughtUpAfter(iteratorAges, loadEndedAt);

    // The state at the end, read through the API as a client sees it.
    const { atEnd, replenishments } = await readProductsAtEnd(api, products.map((p) => p.productId));
    const finalCheck = checkPendingReplenishments(atEnd);

    // Everything relative to the start of the measured stretch (the ramp-up's moments are negative).
    const relative = (o: SoakOrder): SoakOrder => ({ ...o, sentAtMs: o.sentAtMs - t0, answeredAtMs: o.answeredAtMs - t0 });
    const orders = measured.map(relative);
    const receiptsFromStart = receipts.map((r) => ({ ...r, atMs: r.atMs - t0 }));
    const { attributed, productsLeftOut } = attributeReplenishments({
      threshold: options.reorderThreshold,
      initialStock: new Map(products.map((p) => [p.productId, p.stock])),
      orders: [...warmupOrders.map(relative), ...orders],
      receipts: receiptsFromStart,
      replenishments: replenishments.map((r) => ({ ...r, createdAtMs: r.createdAtMs - t0 })),
    });
    const measuredLags = attributed.filter((a) => a.sentAtMs >= 0);
    const createdAtMs = replenishments.map((r) => r.createdAtMs - t0).filter((t) => t >= 0);

    const settleS = rssSettleSeconds(options);
    const slope = (value: (s: RssSample) => number): number | undefined => (rss.filter((s) => s.atS >= settleS).length >= 2 ? rssSlopeMbPerMinute(rss, settleS, value) : undefined);
    const details: SoakDetails = {
      options,
      windows: soakWindows({
        durationMs: options.durationMs,
        windows: options.windows,
        orders,
        replenishmentsCreatedAtMs: createdAtMs,
        attributed: measuredLags,
        receiptsAtMs: receiptsFromStart.map((r) => r.atMs),
        iteratorAges: iteratorAges.map((a) => ({ ...a, atMs: a.atMs - t0 })),
        rss,
      }),
      rss,
      stackRssSlopeMbPerMinute: slope((s) => s.stackMb),
      dynamodbRssSlopeMbPerMinute: slope((s) => s.dynamodbMb),
      catchUpMs,
      warmup: { orders: warmupOrders.length, latency: warmupOrders.length > 0 ? summarize(warmupOrders.map((o) => o.latencyMs)) : undefined },
      orderLatency: summarize(orders.map((o) => o.latencyMs)),
      replenishmentLatency: measuredLags.length > 0 ? summarize(measuredLags.map((a) => a.latencyMs)) : undefined,
      attribution: { attributed: measuredLags.length, productsLeftOut },
      totals: {
        ordersSent: orders.length,
        placed: orders.filter((o) => o.outcome === 'placed').length,
        outOfStock: orders.filter((o) => o.outcome === 'out-of-stock').length,
        receipts: receipts.length,
        replenishments: createdAtMs.length,
        replenishmentsAfterLoad: createdAtMs.filter((t) => t >= options.durationMs).length,
      },
      finalCheck,
      maxStartLagMs: Math.round(maxStartLagMs),
      mappingFunction,
    };
    for (const w of details.windows) {
      log(
        `soak ${w.fromS}–${w.toS} s: ${w.ordersSent} orders (${w.outOfStock} out of stock), p50 ${w.latency?.p50} p99 ${w.latency?.p99} ms, ` +
          `${w.replenishmentsCreated} replenishments (order → replenishment p50 ${w.replenishmentLatency?.p50} p99 ${w.replenishmentLatency?.p99} ms), ${w.receipts} receipts, IteratorAge max ${w.iteratorAgeMaxMs} ms, RSS stack ${w.stackRssMb} MB (${w.stackThreads} threads), DynamoDB Local ${w.dynamodbRssMb} MB`,
      );
    }
    log(`soak: ${measuredLags.length} replenishments attributed to their order${productsLeftOut.length > 0 ? `; left out (shortfalls and replenishments not one to one): ${productsLeftOut.join(', ')}` : ''}`);
    log(`soak: caught up ${catchUpMs === undefined ? 'never' : `${catchUpMs} ms`} after the load; at the end ${finalCheck.short} of ${finalCheck.products} products short, ${finalCheck.pending} PENDING`);
    return details;
  } finally {
    for (const timer of timers) clearInterval(timer);
    client?.close();
    await stack?.stop();
    await ddb.stop();
  }
}
