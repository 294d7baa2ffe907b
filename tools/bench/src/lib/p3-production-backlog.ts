import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mapConcurrently } from '@shop/shared-util-async';
import { DEV_SYNTH_PATH, StackProcess } from '@shop/tools-local-stack';
import { authorization } from './bench-stack';
import { BenchCorrectnessError } from './errors';
import { JsonClient } from './http-client';
import { openDynamoDbLocal, timeDrains, type LocalDb, type RoundBacklog } from './p3-drains';
import type { P3Details, P3Options } from './p3-types';
import { quietMark } from './stack-cost';
import { streamPosition } from './stream-drain';
import { workspaceRoot } from './workspace-root';

/** Each product: threshold 20, lot 30; the consumer's first order leaves it at stock 19 with 30 on order. */
const PRODUCT = { stock: 20, reorderThreshold: 20, amountToReplenish: 30 } as const;
/** Orders before the receipt (stock 19 → 9, position 49 → 39: nothing short). */
const ORDERS_BEFORE_RECEIPT = 10;
/** Orders after the receipt (stock 39 → 9): the 20th is the shortfall, the 10 after it show it too. 19 leave stock 20: nothing short. */
const ORDERS_AFTER_RECEIPT = { shortfalls: 30, none: 19 } as const;
const CONCURRENCY = 16;

/** Drain rates on the production backlog: with shortfalls against raw drain + the consumer's writes raw, nothing short against the raw drain. */
export const P3_TARGETS = { shortfallsToFloor: 0.6, nothingShortToRaw: 0.8 } as const;

/**
 * A copy of the synth with every event source mapping disabled (`enabled = false`), next to a link
 * to the original's assets: the stack it runs serves the API and writes the stream while the
 * consumer is paused, as on AWS with the mapping disabled.
 */
function pausedSynth(synthPath: string): string {
  const synth = JSON.parse(readFileSync(synthPath, 'utf8')) as { resource?: { aws_lambda_event_source_mapping?: Record<string, Record<string, unknown>> } };
  for (const mapping of Object.values(synth.resource?.aws_lambda_event_source_mapping ?? {})) mapping['enabled'] = false;
  const directory = mkdtempSync(path.join(tmpdir(), 'shop-bench-p3-paused-'));
  symlinkSync(path.join(path.dirname(synthPath), 'assets'), path.join(directory, 'assets'));
  const copy = path.join(directory, path.basename(synthPath));
  writeFileSync(copy, JSON.stringify(synth));
  return copy;
}

async function startStack(synthPath: string, dynamodbEndpoint: string, persistDirectory?: string): Promise<{ stack: StackProcess; client: JsonClient }> {
  const stack = await StackProcess.start({ synthPath, dynamodbEndpoint, iam: 'off', logLevel: 'warn', stateDirectory: mkdtempSync(path.join(tmpdir(), 'shop-bench-p3-writer-')), ...(persistDirectory !== undefined && { persistDirectory }) });
  return { stack, client: new JsonClient(stack.endpoints.apiUrl, CONCURRENCY, await authorization(stack.endpoints)) };
}

async function expectStatus(response: Promise<{ status: number; body: unknown }>, status: number, what: string): Promise<unknown> {
  const { status: got, body } = await response;
  if (got !== status) throw new BenchCorrectnessError('P3', `${what} answered ${got}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * P3's production backlog, in `db` (empty; the stack creates the tables), written only by the
 * stack's own code:
 * 1. the stack runs as `npm start` runs it: products are created through the API, one order each
 *    takes them below their threshold, and the consumer places a replenishment for each (its
 *    transaction: onOrder and the order); once the mapping is caught up with its own writes the
 *    stack stops, its checkpoints saved;
 * 2. the stack runs again with the mapping disabled (the consumer paused) and, per product,
 *    orders (the order transaction), the receipt of its replenishment (the receive transaction),
 *    then more orders — with `shortfalls`, far enough that it falls short again and stays short
 *    for 10 more orders, whose images do not show the order the consumer has yet to place.
 * The backlog is what step 2 wrote; a drain resumes from step 1's checkpoints (`persistDirectory`).
 */
export async function writeProductionBacklog(db: LocalDb, options: { readonly products: number; readonly shortfalls: boolean; readonly synthPath: string }): Promise<RoundBacklog> {
  const ids = Array.from({ length: options.products }, (_, i) => `bench-p3#${i}`);
  const persistDirectory = mkdtempSync(path.join(tmpdir(), 'shop-bench-p3-persist-'));
  const placeOrder = (client: JsonClient, productId: string): Promise<unknown> => expectStatus(client.send('POST', '/orders', { productId, quantity: 1 }), 201, `POST /orders for ${productId}`);

  const live = await startStack(options.synthPath, db.ddb.endpoint, persistDirectory);
  let replenishments: Map<string, string>;
  let table: string;
  try {
    table = live.stack.endpoints.tables.products;
    await mapConcurrently(ids, CONCURRENCY, async (id) => {
      await expectStatus(live.client.send('PUT', `/products/${encodeURIComponent(id)}`, PRODUCT), 200, `PUT /products/${id}`);
      await placeOrder(live.client, id);
    });
    replenishments = new Map(
      await mapConcurrently(ids, CONCURRENCY, async (id): Promise<[string, string]> => {
        const deadline = Date.now() + 120_000;
        for (;;) {
          const { items } = (await expectStatus(live.client.send('GET', `/products/${encodeURIComponent(id)}/replenishments?limit=10`), 200, `GET replenishments of ${id}`)) as { items: Array<{ replenishmentId: string }> };
          if (items.length > 1) throw new BenchCorrectnessError('P3', `${id} has ${items.length} replenishments after one shortfall`);
          if (items[0]) return [id, items[0].replenishmentId];
          if (Date.now() > deadline) throw new BenchCorrectnessError('P3', `no replenishment for ${id} within 2 minutes`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }),
    );
    await quietMark(live.stack, undefined);
  } finally {
    live.client.close();
    await live.stack.stop();
  }
  const before = await streamPosition(db.client, db.streams, table);

  const pausedSynthPath = pausedSynth(options.synthPath);
  const paused = await startStack(pausedSynthPath, db.ddb.endpoint);
  try {
    await mapConcurrently(ids, CONCURRENCY, async (id) => {
      for (let i = 0; i < ORDERS_BEFORE_RECEIPT; i++) await placeOrder(paused.client, id);
      await expectStatus(paused.client.send('POST', `/replenishments/${encodeURIComponent(replenishments.get(id) as string)}/receive`), 200, `receiving ${id}'s replenishment`);
      for (let i = 0; i < ORDERS_AFTER_RECEIPT[options.shortfalls ? 'shortfalls' : 'none']; i++) await placeOrder(paused.client, id);
    });
  } finally {
    paused.client.close();
    await paused.stack.stop();
    rmSync(path.dirname(pausedSynthPath), { recursive: true, force: true });
  }
  const after = await streamPosition(db.client, db.streams, table);
  return { db, table, records: after.records - before.records, shortfalls: options.shortfalls ? ids.length : 0, startAfter: before, persistDirectory, replenishmentsBefore: new Set(replenishments.values()) };
}

/**
 * P3 on the production backlog: per round a DynamoDB Local of its own, the backlog written as
 * above, then the same timed drains as the synthetic backlog's.
 */
export async function runP3Production(options: Omit<P3Options, 'versions' | 'threshold' | 'writer'> & { readonly shortfalls: boolean }, log: (line: string) => void): Promise<P3Details> {
  const synthPath = options.synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH);
  const timed = await timeDrains(
    { ...options, synthPath },
    async () => {
      const db = await openDynamoDbLocal();
      try {
        const backlog = await writeProductionBacklog(db, { products: options.products, shortfalls: options.shortfalls, synthPath });
        log(`P3: production backlog of ${backlog.records} records (${backlog.shortfalls} shortfalls) written`);
        return backlog;
      } catch (error) {
        await db.stop();
        throw error;
      }
    },
    log,
  );
  const versions = ORDERS_BEFORE_RECEIPT + 1 + ORDERS_AFTER_RECEIPT[options.shortfalls ? 'shortfalls' : 'none'];
  return { options: { ...options, versions, threshold: PRODUCT.reorderThreshold, writer: 'production' }, ...timed };
}
