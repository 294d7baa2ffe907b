import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '@shop/tools-dynamodb-local';
import { DEV_SYNTH_PATH } from '@shop/tools-local-stack';
import { BenchCorrectnessError, BenchError } from './errors';
import { JsonClient } from './http-client';
import { openLoop } from './load';
import { mapConcurrently } from '@shop/shared-util-async';
import { loadAverage, type LoadAverage } from './machine';
import { authorization, startBenchStack } from './bench-stack';
import { distribution, summarize, type LatencySummary } from './stats';
import { RequestCounter } from './request-counter';
import { costBetween, quietMark, type StackCost } from './stack-cost';
import { watchFirstReplenishments } from './replenishment-watch';
import { workspaceRoot } from './workspace-root';

export interface P2Options {
  readonly rates: readonly number[];
  /** Seconds of orders at each rate. */
  readonly seconds: number;
  /** One order in this many is also watched in DynamoDB Local, by one shared poller, until its replenishment can be read (0: none). */
  readonly sampleEvery: number;
  readonly pollIntervalMs: number | undefined;
  /** The synthesized stack to run; default the dev synth. */
  readonly synthPath?: string;
  /** IAM mode of the stack; default enforce, as `npm start`. */
  readonly iam?: 'enforce' | 'off';
  /**
   * Count every DynamoDB request the stack sends (a pass-through proxy in this process between the
   * functions' IAM proxies and DynamoDB Local) and report the cost per 1,000 orders. The proxy is one
   * more hop and CPU in the load generator: a counted run's latencies are not the ones to quote.
   */
  readonly countRequests?: boolean;
}

export interface P2Step {
  readonly rate: number;
  readonly orders: number;
  /** Order request sent → replenishment written (its createdAt, stamped by the consumer just before its conditional put). */
  readonly latency: LatencySummary;
  /** The same, from the order's 201 (after its commit): the figure above minus the order's own API latency, a lower bound of commit → replenishment. */
  readonly latencyFromAnswer?: LatencySummary;
  /** Order request sent → the replenishment read back from DynamoDB Local by the one shared poller, for the sampled orders. */
  readonly visibleLatency: LatencySummary | undefined;
  /** The orders' own API latency (send → 201), part of the figure above. */
  readonly orderLatency: LatencySummary;
  readonly distribution: ReadonlyArray<{ readonly percentile: number; readonly value: number }>;
  /** How late the open-loop scheduler sent an order, at worst. */
  readonly maxStartLagMs: number;
  readonly load: { readonly before: LoadAverage; readonly after: LoadAverage };
  /** With `countRequests`: what the step cost per 1,000 orders, counted. */
  readonly cost?: StackCost;
}

export interface P2Details {
  readonly options: P2Options;
  readonly steps: readonly P2Step[];
}

/** p99 order commit → replenishment at 10, 50 and 100 orders/s. */
export const P2_P99_TARGET_MS = 300;

const [BY_PRODUCT] = ReplenishmentTable.globalSecondaryIndexes;

/**
 * P2, stream → replenishment latency: orders at a fixed rate (open loop), each one taking a fresh
 * product from its threshold to below it, so each order causes exactly one replenishment through
 * the Products stream, the event source mapping emulator and the consumer. Measured from sending
 * the order (before its commit) to the replenishment's `createdAt`, read after the run: nothing
 * polls per order while it runs. Both ends are this machine's wall clock (`Date.now()`, the same
 * kernel clock in this process and in the stack's), so they compare without offset. A sample is
 * also watched by one shared poller (one Query in flight at a time, whatever the latency) until
 * its replenishment can be read, which checks that `createdAt` is when it became visible.
 */
export async function runP2(options: P2Options, log: (line: string) => void): Promise<P2Details> {
  // Functions are told apart by their IAM proxies: with IAM off they all reach DynamoDB Local directly.
  if (options.countRequests && options.iam === 'off') throw new BenchError('P2 counts requests by function through their IAM proxies: use IAM enforce (or warn) with countRequests');
  const ddb = await startDynamoDbLocal();
  const counter = options.countRequests ? await RequestCounter.start(ddb.endpoint) : undefined;
  const synthPath = options.synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH);
  const stack = await startBenchStack({ dynamodbEndpoint: counter?.endpoint ?? ddb.endpoint, pollIntervalMs: options.pollIntervalMs, synthPath, iam: options.iam });
  const client = new JsonClient(stack.endpoints.apiUrl, 64, await authorization(stack.endpoints));
  const admin = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const replenishmentTable = stack.endpoints.tables[ReplenishmentTable.id];
  if (!replenishmentTable) throw new BenchCorrectnessError('P2', `stack.json names no ${ReplenishmentTable.id} table`);
  /** The createdAt of each replenishment of a product, read from its index (what the API's list reads too). */
  const createdAtOf = async (productId: string): Promise<string[]> => {
    const { Items = [] } = await admin.send(
      new QueryCommand({
        TableName: replenishmentTable,
        IndexName: BY_PRODUCT.indexName,
        KeyConditionExpression: '#product = :product',
        ExpressionAttributeNames: { '#product': BY_PRODUCT.partitionKey.name },
        ExpressionAttributeValues: { ':product': { S: productId } },
      }),
    );
    return Items.map((item) => item[BY_PRODUCT.sortKey.name]?.S ?? '');
  };
  const settle = async (productIds: readonly string[], timeoutMs: number): Promise<string[]> => {
    const deadline = Date.now() + timeoutMs;
    return mapConcurrently(productIds, 8, async (productId) => {
      for (;;) {
        const found = await createdAtOf(productId);
        if (found.length > 1) throw new BenchCorrectnessError('P2', `${productId} has ${found.length} replenishments; one shortfall must make one`);
        if (found[0]) return found[0];
        if (Date.now() > deadline) throw new BenchCorrectnessError('P2', `no replenishment for ${productId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  };
  try {
    const steps: P2Step[] = [];
    for (const rate of options.rates) {
      const count = Math.round(rate * options.seconds);
      const productIds = Array.from({ length: count }, (_, i) => `bench-p2#${rate}#${i}`);
      // At their threshold (not below it: no replenishment yet); one unit sold takes it below.
      await mapConcurrently(productIds, 8, async (productId) => {
        const put = await client.send('PUT', `/products/${encodeURIComponent(productId)}`, { stock: 1, reorderThreshold: 1, amountToReplenish: 1 });
        if (put.status !== 200) throw new BenchCorrectnessError('P2', `PUT product answered ${put.status}`);
      });
      // Let the consumer go through those INSERTs first: a barrier product created below its threshold.
      const barrier = `bench-p2#barrier#${rate}`;
      await client.send('PUT', `/products/${encodeURIComponent(barrier)}`, { stock: 0, reorderThreshold: 1, amountToReplenish: 1 });
      await settle([barrier], 120_000);
      const from = counter ? await quietMark(stack, counter) : undefined;

      const before = loadAverage();
      const watch = watchFirstReplenishments(createdAtOf);
      const { results, maxStartLagMs } = await openLoop({ ratePerSecond: rate, count }, async (i) => {
        const productId = productIds[i] as string;
        const sentAt = Date.now();
        const started = performance.now();
        const response = await client.send('POST', '/orders', { productId, quantity: 1 });
        const orderMs = performance.now() - started;
        if (response.status !== 201) throw new BenchCorrectnessError('P2', `POST /orders answered ${response.status}: ${JSON.stringify(response.body)}`);
        if (options.sampleEvery > 0 && i % options.sampleEvery === 0) watch.add(productId, sentAt);
        return { sentAt, orderMs };
      });
      const visible = await watch.done();
      const after = loadAverage();
      // Generous: on a loaded machine the consumer can be minutes behind at 200/s; the figure says so, the run must not fail for it.
      const replenishments = await settle(productIds, 600_000);
      const latencies = results.map((r, i) => Date.parse(replenishments[i] as string) - r.sentAt);
      const cost = counter && from ? await costBetween(from, await quietMark(stack, counter), { orders: count, stack, counter, admin }) : undefined;
      const step: P2Step = {
        rate,
        orders: count,
        latency: summarize(latencies),
        latencyFromAnswer: summarize(latencies.map((ms, i) => ms - (results[i]?.orderMs ?? 0))),
        visibleLatency: visible.length > 0 ? summarize(visible) : undefined,
        orderLatency: summarize(results.map((r) => r.orderMs)),
        distribution: distribution(latencies),
        maxStartLagMs: Math.round(maxStartLagMs),
        load: { before, after },
        ...(cost && { cost }),
      };
      steps.push(step);
      log(`P2 ${rate}/s: ${count} orders, latency p50 ${step.latency.p50} p95 ${step.latency.p95} p99 ${step.latency.p99} ms (visible p50 ${step.visibleLatency?.p50} ms), load ${before[0]}${cost ? `; per 1,000 orders: ${JSON.stringify(cost)}` : ''}`);
    }
    return { options, steps };
  } finally {
    client.close();
    admin.destroy();
    await stack.stop();
    await counter?.stop();
    await ddb.stop();
  }
}
