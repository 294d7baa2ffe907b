import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '@shop/tools-dynamodb-local';
import { DEV_SYNTH_PATH, readHttpApiService } from '@shop/tools-local-stack';
import { mapConcurrently } from '@shop/shared-util-async';
import { authorization, startBenchStack } from './bench-stack';
import { BenchCorrectnessError } from './errors';
import { JsonClient } from './http-client';
import { closedLoop, type LoadResult } from './load';
import { loadAverage, type LoadAverage } from './machine';
import { captureOrderTransaction } from './order-transaction';
import { peerToken, startPeerSide, type PeerSide } from './p1-peer-side';
import { cpuBetween, cpuPerOperation, cpuSnapshot, type CpuSnapshot } from './process-cpu';
import { median, summarize, type LatencySummary } from './stats';
import { workspaceRoot } from './workspace-root';

export interface P1Options {
  readonly concurrencies: readonly number[];
  /** Measured time of each run. */
  readonly durationMs: number;
  /** Warm-up before a side's first run at a concurrency (later runs: at most 1 s). */
  readonly warmupMs: number;
  /** The sides take turns (here, peer, raw, then raw, peer, here, …) this many times per concurrency; throughput is the median. */
  readonly rounds: number;
  /** IAM modes of the stack to measure; the first is the headline (npm start's default: enforce). */
  readonly iamModes: ReadonlyArray<'enforce' | 'off'>;
  readonly products: number;
  /** Also measure serverless-offline serving the same bundle (installed on demand into `peerScratch`). */
  readonly peer: boolean;
  /** The scratch folder serverless and serverless-offline are installed into; default `.local/bench-p1-peer`. */
  readonly peerScratch?: string;
  /** The synthesized stack to run; default the dev synth. */
  readonly synthPath?: string;
  /**
   * DynamoDB Local is warmed with the raw transaction at concurrency 8 before the first cell until
   * its rate is steady ({@link warmUntilSteady}), for at most this long; 0 or absent skips it.
   */
  readonly dynamodbWarmupMaxMs?: number;
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
  /** serverless-offline serving the same bundle (absent when it was not measured). */
  readonly peer?: P1Side;
  readonly raw: P1Side;
  /** API throughput / raw throughput (medians). */
  readonly ratio: number;
  /** API throughput / serverless-offline throughput (medians). */
  readonly peerRatio?: number;
  /** What serverless-offline answered when it failed at this concurrency (then it has no figures here). */
  readonly peerFailure?: string;
  readonly load: { readonly before: LoadAverage; readonly after: LoadAverage };
}

/** The peer as measured: its versions, or why it could not be. */
export type P1PeerInfo = { readonly versions: Readonly<Record<string, string>> } | { readonly unavailable: string };

export interface P1Details {
  readonly options: P1Options;
  readonly transactionItems: number;
  /** The warm-up DynamoDB Local had before the first cell: its 2 s windows' rates, in order. */
  readonly dynamodbWarmup?: SteadyWarmup;
  readonly peer?: P1PeerInfo;
  readonly modes: ReadonlyArray<{ readonly iam: 'enforce' | 'off'; readonly cells: readonly P1Cell[] }>;
}

interface MeasuredRun extends LoadResult {
  readonly cpu: CpuSnapshot | undefined;
}

type SideName = 'api' | 'peer' | 'raw';

/** Warm-up before each run after a side's first (its instances are already running). */
const REWARM_MS = 1_000;

const side = (runs: readonly MeasuredRun[]): P1Side => ({
  throughput: Math.round(median(runs.map((r) => r.throughput)) * 10) / 10,
  cpuPerOrder: cpuPerOperation(runs),
  rounds: runs.map((r) => Math.round(r.throughput * 10) / 10),
  latency: summarize(runs.flatMap((r) => r.latenciesMs)),
});
const cpuText = (cpu: CpuSnapshot | undefined): string => (cpu ? [cpu.loadGenerator, cpu.stackMain, cpu.stackOther, cpu.dynamodb].map((n) => n.toFixed(2)).join(' / ') : '—');
const ratioOf = (a: P1Side, b: P1Side): number => Math.round((a.throughput / b.throughput) * 1000) / 1000;

/**
 * Brings a side up to `concurrency` by doubling it from 1, a short closed loop at each step, so
 * the servers start their function instances a few at a time (serverless-offline counts a cold
 * start in the invocation's timeout: 32 instances starting at once on 2 cores time out).
 */
async function rampUp(concurrency: number, warmupMs: number, operation: () => Promise<void>): Promise<void> {
  for (let step = 1; step < concurrency; step *= 2) await closedLoop({ concurrency: step, durationMs: Math.min(1_000, warmupMs), warmupMs: 0 }, operation);
}

/** A warm-up run until steady: each window's rate, and whether the last two agreed. */
export interface SteadyWarmup {
  readonly windows: readonly number[];
  readonly steady: boolean;
}

const WARMUP_WINDOW_MS = 2_000;
const WARMUP_MIN_WINDOWS = 5;
/** Two successive windows within this fraction of each other count as steady. */
const WARMUP_TOLERANCE = 0.05;

/** At least five windows, and the last two within 5 % of each other. */
export function isSteady(windows: readonly number[]): boolean {
  const [a, b] = windows.slice(-2);
  return windows.length >= WARMUP_MIN_WINDOWS && a !== undefined && b !== undefined && Math.abs(a - b) <= WARMUP_TOLERANCE * Math.max(a, b);
}

/**
 * Runs `operation` closed loop in windows (2 s unless told) until {@link isSteady}, or until
 * another window would pass `maxMs`. DynamoDB Local's JVM compiles its hot paths during its first
 * tens of seconds under load: without this the first cell measured a JVM still compiling (in one
 * run raw c=1 was 197/s in the first IAM mode and 327/s in the second).
 */
export async function warmUntilSteady(operation: () => Promise<void>, options: { readonly concurrency: number; readonly maxMs: number; readonly windowMs?: number }): Promise<SteadyWarmup> {
  const windowMs = options.windowMs ?? WARMUP_WINDOW_MS;
  const windows: number[] = [];
  while (!isSteady(windows) && (windows.length + 1) * windowMs <= options.maxMs) {
    const { throughput } = await closedLoop({ concurrency: options.concurrency, durationMs: windowMs, warmupMs: 0 }, operation);
    windows.push(Math.round(throughput * 10) / 10);
  }
  return { windows, steady: isSteady(windows) };
}

/** The order the sides run in, round by round: each one first, in the middle and last in turn. */
export function sideOrder(round: number, sides: readonly SideName[]): SideName[] {
  return round % 2 === 0 ? [...sides] : [...sides].reverse();
}

/**
 * P1, orders throughput: `POST /orders` through the local stack (HTTP server, JWT authorizer,
 * API Gateway event, the orders-api bundle in its Lambda worker, IAM proxy) side by side with
 * serverless-offline 13 serving the same bundle (its HTTP API JWT authorizer from the synth's
 * issuer and audience, signatures not checked) and with the very same TransactWriteItems sent
 * straight to DynamoDB Local; one DynamoDB Local for all, closed loop at each concurrency. Orders
 * spread over `products` products with stock that never runs out. A peer that cannot be installed
 * or started is reported as such; the other figures are still measured.
 */
export async function runP1(options: P1Options, log: (line: string) => void): Promise<P1Details> {
  const synthPath = options.synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH);
  const ddb = await startDynamoDbLocal();
  const raw = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  let peer: PeerSide | undefined;
  let peerInfo: P1PeerInfo | undefined;
  try {
    const transaction = await captureOrderTransaction(ddb.endpoint);
    log(`P1: captured the API's TransactWriteItems (${transaction.itemCount} items)`);
    const modes: Array<{ iam: 'enforce' | 'off'; cells: P1Cell[] }> = [];
    let dynamodbWarmup: SteadyWarmup | undefined;
    for (const iam of options.iamModes) {
      const stack = await startBenchStack({ dynamodbEndpoint: ddb.endpoint, iam, synthPath: options.synthPath });
      const maxConcurrency = Math.max(8, ...options.concurrencies);
      const client = new JsonClient(stack.endpoints.apiUrl, maxConcurrency, await authorization(stack.endpoints));
      try {
        if (options.peer && !peerInfo) {
          try {
            peer = await startPeerSide({
              scratch: options.peerScratch ?? path.join(workspaceRoot, '.local', 'bench-p1-peer'),
              service: readHttpApiService(synthPath),
              synthPath,
              stackStateDirectory: stack.options.stateDirectory,
              dynamodbEndpoint: ddb.endpoint,
              token: await peerToken(stack.endpoints, readHttpApiService(synthPath)),
              maxSockets: maxConcurrency,
              log,
            });
            peerInfo = { versions: peer.versions };
          } catch (error) {
            peerInfo = { unavailable: (error as Error).message };
            log(`P1: serverless-offline is NOT measured: ${(error as Error).message}`);
          }
        }
        const products = Array.from({ length: options.products }, (_, i) => `bench-p1#${iam}#${i}`);
        await mapConcurrently(products, 8, async (productId) => {
          const put = await client.send('PUT', `/products/${encodeURIComponent(productId)}`, { stock: 1_000_000_000_000, reorderThreshold: 0, amountToReplenish: 1 });
          if (put.status !== 200) throw new BenchCorrectnessError('P1', `PUT product answered ${put.status}`);
        });
        const unauthorized = await client.send('POST', '/orders', { productId: products[0], quantity: 1 }, { authorization: '' });
        if (unauthorized.status !== 401) throw new BenchCorrectnessError('P1', `the local API let an order without a token through (${unauthorized.status})`);
        let next = 0;
        const nextProduct = (): string => products[next++ % products.length] as string;
        const operations: Record<SideName, () => Promise<void>> = {
          api: async () => {
            const response = await client.send('POST', '/orders', { productId: nextProduct(), quantity: 1 });
            if (response.status !== 201) throw new BenchCorrectnessError('P1', `POST /orders answered ${response.status}: ${JSON.stringify(response.body)}`);
          },
          peer: async () => peer?.placeOrder(nextProduct()),
          raw: async () => {
            await raw.send(new TransactWriteItemsCommand(transaction.forOrder(nextProduct(), randomUUID(), randomUUID())));
          },
        };
        if (!dynamodbWarmup && (options.dynamodbWarmupMaxMs ?? 0) > 0) {
          dynamodbWarmup = await warmUntilSteady(operations.raw, { concurrency: 8, maxMs: options.dynamodbWarmupMaxMs ?? 0 });
          log(`P1: DynamoDB Local warmed with the raw transaction at c=8, 2 s windows: ${dynamodbWarmup.windows.join(', ')}/s (${dynamodbWarmup.steady ? 'steady' : 'NOT steady: the first cells may measure it still warming'})`);
        }
        const pidsOf: Record<SideName, number> = { api: stack.endpoints.pid, peer: peer?.pid ?? stack.endpoints.pid, raw: stack.endpoints.pid };
        const sides: SideName[] = peer ? ['api', 'peer', 'raw'] : ['api', 'raw'];
        const cells: P1Cell[] = [];
        for (const concurrency of options.concurrencies) {
          const before = loadAverage();
          const runs: Record<SideName, MeasuredRun[]> = { api: [], peer: [], raw: [] };
          let peerFailure: string | undefined;
          for (let round = 0; round < options.rounds; round++) {
            for (const which of sideOrder(round, sides)) {
              if (which === 'peer' && peerFailure) continue;
              const pids = { stackPid: pidsOf[which], dynamodbPid: ddb.javaPid };
              try {
                if (round === 0) await rampUp(concurrency, options.warmupMs, operations[which]);
                // The first round warms the side up fully; later ones only bring it back to speed after the other sides' turns.
                await closedLoop({ concurrency, durationMs: round === 0 ? options.warmupMs : Math.min(REWARM_MS, options.warmupMs), warmupMs: 0 }, operations[which]);
                const cpuBefore = cpuSnapshot(pids);
                const result = await closedLoop({ concurrency, durationMs: options.durationMs, warmupMs: 0 }, operations[which]);
                runs[which].push({ ...result, cpu: cpuBetween(cpuBefore, cpuSnapshot(pids)) });
              } catch (error) {
                // A peer that fails is reported as failing at this concurrency; the other sides are still measured.
                if (which !== 'peer') throw error;
                peerFailure = (error as Error).message;
                runs.peer.length = 0;
                log(`P1 [iam ${iam}] c=${concurrency}: serverless-offline FAILED: ${peerFailure}`);
              }
            }
          }
          const [api, rawSide] = [side(runs.api), side(runs.raw)];
          const peerSide = runs.peer.length > 0 ? side(runs.peer) : undefined;
          const cell: P1Cell = {
            concurrency,
            api,
            raw: rawSide,
            ratio: ratioOf(api, rawSide),
            ...(peerSide && { peer: peerSide, peerRatio: ratioOf(api, peerSide) }),
            ...(peerFailure !== undefined && { peerFailure }),
            load: { before, after: loadAverage() },
          };
          cells.push(cell);
          const peerText = peerSide ? `, serverless-offline ${peerSide.throughput}/s (p50 ${peerSide.latency.p50} ms), here/peer ${cell.peerRatio}` : '';
          log(`P1 [iam ${iam}] c=${concurrency}: API ${api.throughput}/s (p50 ${api.latency.p50} ms)${peerText}, raw ${rawSide.throughput}/s (p50 ${rawSide.latency.p50} ms), API/raw ${cell.ratio}, load ${before[0]}`);
          log(`P1 [iam ${iam}] c=${concurrency} CPU ms/order (load generator, server main thread, its other threads, DynamoDB Local): API ${cpuText(api.cpuPerOrder)}${peerSide ? `; serverless-offline ${cpuText(peerSide.cpuPerOrder)}` : ''}; raw ${cpuText(rawSide.cpuPerOrder)}`);
        }
        modes.push({ iam, cells });
      } finally {
        client.close();
        await stack.stop();
      }
    }
    return { options, transactionItems: transaction.itemCount, ...(dynamodbWarmup && { dynamodbWarmup }), peer: peerInfo, modes };
  } finally {
    await peer?.stop();
    raw.destroy();
    await ddb.stop();
  }
}
