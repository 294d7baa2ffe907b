import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '@shop/tools-dynamodb-local';
import { BenchCorrectnessError } from './errors';
import { JsonClient } from './http-client';
import { closedLoop, type LoadResult } from './load';
import { loadAverage, type LoadAverage } from './machine';
import { captureOrderTransaction } from './order-transaction';
import { cpuBetween, cpuPerOperation, cpuSnapshot, type CpuSnapshot } from './process-cpu';
import { mapConcurrently } from '@shop/shared-util-async';
import { authorization, startBenchStack } from './bench-stack';
import { median, summarize, type LatencySummary } from './stats';

export interface P1Options {
  readonly concurrencies: readonly number[];
  /** Measured time of each API or raw run. */
  readonly durationMs: number;
  readonly warmupMs: number;
  /** API and raw alternate (API, raw, raw, API, …) this many times per concurrency; throughput is the median. */
  readonly rounds: number;
  /** IAM modes of the stack to measure; the first is the headline (npm start's default: enforce). */
  readonly iamModes: ReadonlyArray<'enforce' | 'off'>;
  readonly products: number;
  /** The synthesized stack to run; default the dev synth. */
  readonly synthPath?: string;
}

export interface P1Side {
  readonly throughput: number;
  /** CPU milliseconds per order in each process (Linux), over the measured runs. */
  readonly cpuPerOrder: CpuSnapshot | undefined;
  /** Throughput of each round, orders per second. */
  readonly rounds: number[];
  readonly latency: LatencySummary;
}

export interface P1Cell {
  readonly concurrency: number;
  readonly api: P1Side;
  readonly raw: P1Side;
  /** API throughput / raw throughput (medians). */
  readonly ratio: number;
  readonly load: { readonly before: LoadAverage; readonly after: LoadAverage };
}

export interface P1Details {
  readonly options: P1Options;
  readonly transactionItems: number;
  readonly modes: ReadonlyArray<{ readonly iam: 'enforce' | 'off'; readonly cells: readonly P1Cell[] }>;
}

interface MeasuredRun extends LoadResult {
  readonly cpu: CpuSnapshot | undefined;
}

const side = (runs: readonly MeasuredRun[]): P1Side => ({
  throughput: Math.round(median(runs.map((r) => r.throughput)) * 10) / 10,
  cpuPerOrder: cpuPerOperation(runs),
  rounds: runs.map((r) => Math.round(r.throughput * 10) / 10),
  latency: summarize(runs.flatMap((r) => r.latenciesMs)),
});

/**
 * P1, orders throughput: `POST /orders` through the local stack (HTTP server, API Gateway event,
 * the orders-api bundle in its Lambda worker, its DynamoDB client) against the very same
 * TransactWriteItems sent straight to DynamoDB Local, on one DynamoDB Local in one run, closed
 * loop at each concurrency. Orders spread over `products` products with stock that never runs out.
 */
export async function runP1(options: P1Options, log: (line: string) => void): Promise<P1Details> {
  const ddb = await startDynamoDbLocal();
  const raw = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    const transaction = await captureOrderTransaction(ddb.endpoint);
    log(`P1: captured the API's TransactWriteItems (${transaction.itemCount} items)`);
    const modes: Array<{ iam: 'enforce' | 'off'; cells: P1Cell[] }> = [];
    for (const iam of options.iamModes) {
      const stack = await startBenchStack({ dynamodbEndpoint: ddb.endpoint, iam, synthPath: options.synthPath });
      const maxConcurrency = Math.max(8, ...options.concurrencies);
      const client = new JsonClient(stack.endpoints.apiUrl, maxConcurrency, await authorization(stack.endpoints));
      try {
        const products = Array.from({ length: options.products }, (_, i) => `bench-p1#${iam}#${i}`);
        await mapConcurrently(products, 8, async (productId) => {
          const put = await client.send('PUT', `/products/${encodeURIComponent(productId)}`, { stock: 1_000_000_000_000, reorderThreshold: 0, amountToReplenish: 1 });
          if (put.status !== 200) throw new BenchCorrectnessError('P1', `PUT product answered ${put.status}`);
        });
        let next = 0;
        const nextProduct = (): string => products[next++ % products.length] as string;
        const viaApi = async (): Promise<void> => {
          const response = await client.send('POST', '/orders', { productId: nextProduct(), quantity: 1 });
          if (response.status !== 201) throw new BenchCorrectnessError('P1', `POST /orders answered ${response.status}: ${JSON.stringify(response.body)}`);
        };
        const direct = async (): Promise<void> => {
          await raw.send(new TransactWriteItemsCommand(transaction.forOrder(nextProduct(), randomUUID(), randomUUID())));
        };
        const cells: P1Cell[] = [];
        for (const concurrency of options.concurrencies) {
          const before = loadAverage();
          const apiRuns: MeasuredRun[] = [];
          const rawRuns: MeasuredRun[] = [];
          const pids = { stackPid: stack.endpoints.pid, dynamodbPid: ddb.javaPid };
          for (let round = 0; round < options.rounds; round++) {
            // ABBA order: neither side always runs first (the JVM warms up, the load moves)
            const order = round % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const);
            for (const which of order) {
              const operation = which === 'api' ? viaApi : direct;
              await closedLoop({ concurrency, durationMs: options.warmupMs, warmupMs: 0 }, operation);
              const cpuBefore = cpuSnapshot(pids);
              const result = await closedLoop({ concurrency, durationMs: options.durationMs, warmupMs: 0 }, operation);
              const cpuAfter = cpuSnapshot(pids);
              (which === 'api' ? apiRuns : rawRuns).push({ ...result, cpu: cpuBetween(cpuBefore, cpuAfter) });
            }
          }
          const cell: P1Cell = { concurrency, api: side(apiRuns), raw: side(rawRuns), ratio: 0, load: { before, after: loadAverage() } };
          const done = { ...cell, ratio: Math.round((cell.api.throughput / cell.raw.throughput) * 1000) / 1000 };
          cells.push(done);
          log(`P1 [iam ${iam}] c=${concurrency}: API ${done.api.throughput}/s (p50 ${done.api.latency.p50} ms), raw ${done.raw.throughput}/s (p50 ${done.raw.latency.p50} ms), ratio ${done.ratio}, load ${before[0]}`);
        }
        modes.push({ iam, cells });
      } finally {
        client.close();
        await stack.stop();
      }
    }
    return { options, transactionItems: transaction.itemCount, modes };
  } finally {
    raw.destroy();
    await ddb.stop();
  }
}
