import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode, RETRY_AFTER_SECONDS } from '@shop/orders-api-contract';
import { orderSchema } from '@shop/orders-domain';
import { mapConcurrently } from '@shop/shared-util-async';
import type { DynamoDbFaultCounts, MetricsFile, StackLogLine } from '@shop/tools-local-stack';
import { E2eSupportError } from './errors';
import { expectBody, expectError, type ShopApi } from './shop-api';
import { sleep } from './wait';

/** The dev synth's functions, as `--fault-dynamodb function=…` names them. */
export const ORDERS_API = 'shop-dev-orders-api';
export const CONSUMER = 'shop-dev-replenishment-consumer';

/** How one order ended, and what the client saw on the way. */
export interface ThrottledOrder {
  readonly productId: string;
  readonly quantity: number;
  readonly idempotencyKey: string;
  readonly outcome: 'accepted' | 'refused';
  /** Every status the API answered, in order (201/200, 409, or 503 before a retry). */
  readonly statuses: readonly number[];
  /** The slowest answer, in ms. */
  readonly slowestMs: number;
}

/**
 * Places an order as a well-behaved client of a busy API: the same Idempotency-Key on every
 * attempt, and a 503 retried after its `Retry-After`, until 201/200 (accepted; 200 is the replay
 * of an order already placed) or 409 INSUFFICIENT_STOCK (refused). A 503 without `Retry-After`,
 * a 500 or any other answer is a failure of the system under test and throws.
 *
 * @example
 * const order = await placeHonouringRetryAfter(api, { productId, quantity: 2, idempotencyKey: randomUUID() });
 */
export async function placeHonouringRetryAfter(api: ShopApi, order: { productId: string; quantity: number; idempotencyKey: string }, timeoutMs = 60_000): Promise<ThrottledOrder> {
  const deadline = Date.now() + timeoutMs;
  const statuses: number[] = [];
  let slowestMs = 0;
  for (;;) {
    const startedAt = Date.now();
    const response = await api.order({ productId: order.productId, quantity: order.quantity }, order.idempotencyKey);
    slowestMs = Math.max(slowestMs, Date.now() - startedAt);
    statuses.push(response.status);
    if (response.status === 201 || response.status === 200) {
      expectBody(response, response.status, orderSchema);
      return { ...order, outcome: 'accepted', statuses, slowestMs };
    }
    if (response.status === 409) {
      expectError(response, 409, ErrorCode.InsufficientStock);
      return { ...order, outcome: 'refused', statuses, slowestMs };
    }
    if (response.status !== 503) throw new E2eSupportError(`${response.request} answered ${response.status}: ${JSON.stringify(response.body)}`);
    expectError(response, 503, ErrorCode.ServiceUnavailable);
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== String(RETRY_AFTER_SECONDS)) throw new E2eSupportError(`${response.request} answered 503 with Retry-After ${retryAfter}`);
    if (Date.now() > deadline) throw new E2eSupportError(`order ${order.idempotencyKey} still answered 503 after ${timeoutMs} ms (${statuses.join(', ')})`);
    await sleep(Number(retryAfter) * 1000);
  }
}

/** Units of the accepted orders of `productId`. */
export const acceptedUnits = (orders: readonly ThrottledOrder[], productId: string): number =>
  orders.filter((o) => o.productId === productId && o.outcome === 'accepted').reduce((sum, o) => sum + o.quantity, 0);

/** What each function's fault relay did (`metrics.json`'s `dynamodbFaults`), by function name. */
export function readDynamoDbFaultCounts(stateDirectory: string): Record<string, DynamoDbFaultCounts> {
  const { dynamodbFaults } = JSON.parse(readFileSync(path.join(stateDirectory, 'metrics.json'), 'utf8')) as MetricsFile;
  return Object.fromEntries(dynamodbFaults.map((counts) => [counts.functionName, counts]));
}

/**
 * Every JSON line of the stack's log (`<state>/stack.log`), all of it, not only the tail the process
 * keeps. The stack may be writing while this reads: what follows the last newline is a line still
 * being written and is left for the next read.
 */
export function readStackLog(stateDirectory: string): StackLogLine[] {
  const file = path.join(stateDirectory, 'stack.log');
  if (!existsSync(file)) throw new E2eSupportError(`${file} does not exist`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as StackLogLine);
}

/** The log lines a function wrote with this message (the stack logs them under `fn:<function>`). */
export const functionLines = (log: readonly StackLogLine[], functionName: string, message: string): StackLogLine[] =>
  log.filter((line) => line.component === `fn:${functionName}` && line.message === message);

/** The sum of a function's EMF metric over the run (the stack logs each flush as a debug `metrics` line: a number, or a list when added several times). */
export function metricSum(log: readonly StackLogLine[], functionName: string, metric: string): number {
  return functionLines(log, functionName, 'metrics')
    .flatMap((line) => [line[metric] ?? []].flat() as number[])
    .reduce((sum, value) => sum + value, 0);
}

/** What is wrong with a product's inventory once the consumer is quiet. */
export interface InventoryCheck {
  readonly productId: string;
  readonly problems: readonly string[];
}

/**
 * The reorder policy's invariants per product, read through the API: position (stock + onOrder)
 * at or above the threshold, onOrder equal to the sum of its PENDING replenishments, and no
 * product version ordered twice.
 */
export async function inventoryProblems(api: ShopApi, productIds: readonly string[], threshold: (productId: string) => number): Promise<InventoryCheck[]> {
  const checks = await mapConcurrently(productIds, 8, async (productId) => {
    const [product, { items }] = await Promise.all([api.getProduct(productId), api.listReplenishments(productId)]);
    const pending = items.filter((r) => r.status === 'PENDING').reduce((sum, r) => sum + r.amountToReplenish, 0);
    const problems = [
      ...(product.inventoryPosition < threshold(productId) ? [`position ${product.inventoryPosition} < ${threshold(productId)}`] : []),
      ...(product.onOrder !== pending ? [`onOrder ${product.onOrder} ≠ PENDING ${pending}`] : []),
      ...(new Set(items.map((r) => r.productVersion)).size !== items.length ? ['a product version ordered twice'] : []),
    ];
    return { productId, problems };
  });
  return checks.filter((check) => check.problems.length > 0);
}
