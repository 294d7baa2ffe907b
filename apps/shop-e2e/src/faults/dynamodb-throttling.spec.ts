import { randomUUID } from 'node:crypto';
import { OrdersTable } from '@shop/shared-table-design';
import { mapConcurrently } from '@shop/shared-util-async';
import { seededRandom } from '@shop/tools-local-stack';
import { scanTable } from '../support/dynamodb';
import {
  acceptedUnits,
  CONSUMER,
  functionLines,
  metricSum,
  inventoryProblems,
  ORDERS_API,
  placeHonouringRetryAfter,
  readDynamoDbFaultCounts,
  readStackLog,
  type ThrottledOrder,
} from '../support/dynamodb-faults';
import { startFaultStack, type FaultStack } from '../support/fault-stack';
import { readDlq, readMappingMetrics } from '../support/stack-files';
import { waitUntil } from '../support/wait';

const SEED = 20_261_207;
/** How long orders flow while DynamoDB throttles, fails and conflicts. */
const WINDOW_MS = 60_000;
const CLIENTS = 12;
const PRODUCTS = 20;
const STOCK = 400;
const THRESHOLD = 60;
const FLASH = { stock: 300, threshold: 150, lot: 50, orders: 400, clients: 32 };

/**
 * DynamoDB under pressure, as the functions meet it: the orders API's transactions throttled
 * (30 %) or cancelled by a conflict (10 %); every request of the consumer throttled (30 %) or
 * answered 500 (5 %), and its transactions conflicting (10 %). Orders flow for a minute, with a
 * flash sale on one product in the middle, while the consumer decides on the same items.
 */
describe('DynamoDB throttling, 500s and transaction conflicts', () => {
  let faulty: FaultStack;
  beforeAll(async () => {
    faulty = await startFaultStack({
      // debug: the functions' EMF metrics are logged (as `metrics` lines) only at debug
      logLevel: 'debug',
      faults: {
        seed: SEED,
        dynamodb: [
          `function=${ORDERS_API},operation=TransactWriteItems,error=ProvisionedThroughputExceededException,rate=0.3`,
          `function=${ORDERS_API},operation=TransactWriteItems,error=TransactionConflict,rate=0.1`,
          `function=${CONSUMER},operation=TransactWriteItems,error=TransactionConflict,rate=0.1`,
          `function=${CONSUMER},error=ProvisionedThroughputExceededException,rate=0.3`,
          `function=${CONSUMER},error=InternalServerError,rate=0.05`,
        ],
      },
    });
  }, 180_000);
  afterAll(async () => faulty?.stop());

  it('answers every order 201 or 503 with Retry-After, places each at most once, and keeps every inventory position', async () => {
    const { api, ddb, endpoints } = faulty.stack;
    const random = seededRandom(SEED);
    // Prepare: 20 products that cross their threshold many times, and one flash-sale product
    const productIds = Array.from({ length: PRODUCTS }, (_, i) => `throttled#${i}#${randomUUID()}`);
    const flashId = `flash#${randomUUID()}`;
    await mapConcurrently(productIds, 8, (id) => api.putProduct(id, { stock: STOCK, reorderThreshold: THRESHOLD, amountToReplenish: 100 }));
    await api.putProduct(flashId, { stock: FLASH.stock, reorderThreshold: FLASH.threshold, amountToReplenish: FLASH.lot });

    // Act: clients order for a minute; after 20 s, 400 orders of one unit hit the flash-sale product at once
    const endAt = Date.now() + WINDOW_MS;
    const stream = mapConcurrently(Array.from({ length: CLIENTS }, (_, i) => i), CLIENTS, async () => {
      const placed: ThrottledOrder[] = [];
      while (Date.now() < endAt) {
        const productId = productIds[Math.floor(random() * PRODUCTS)] as string;
        placed.push(await placeHonouringRetryAfter(api, { productId, quantity: 1 + Math.floor(random() * 3), idempotencyKey: randomUUID() }));
      }
      return placed;
    });
    await waitUntil(() => Date.now() > endAt - WINDOW_MS + 20_000, 'the flash sale\'s start', WINDOW_MS, 250);
    const flashSale = await mapConcurrently(Array.from({ length: FLASH.orders }, () => randomUUID()), FLASH.clients, (idempotencyKey) =>
      placeHonouringRetryAfter(api, { productId: flashId, quantity: 1, idempotencyKey }),
    );
    const orders = [...(await stream).flat(), ...flashSale];

    // Assess: only 201/200, 409 and 503 (with Retry-After, checked per answer), never past the function's timeout
    const statuses = orders.flatMap((o) => o.statuses);
    expect(orders.length).toBeGreaterThan(FLASH.orders + 200);
    expect(statuses.filter((status) => ![200, 201, 409, 503].includes(status))).toEqual([]);
    expect(statuses).toContain(503); // the throttling did outlast the SDK's retries sometimes
    expect(Math.max(...orders.map((o) => o.slowestMs))).toBeLessThan(10_000);
    // Each accepted order is in the Orders table exactly once (its Idempotency-Key once), nothing else is
    const stored = (await scanTable(ddb, endpoints.tables.orders)).filter((item) => [...productIds, flashId].includes(item['productId']?.S ?? ''));
    const storedKeys = stored.map((item) => item['idempotencyKey']?.S);
    expect(storedKeys.sort()).toEqual(orders.filter((o) => o.outcome === 'accepted').map((o) => o.idempotencyKey).sort());
    expect(stored.every((item) => item[OrdersTable.partitionKey.name]?.S)).toBe(true);
    // Stock = initial − placed, exactly; the flash sale sold its 300 units and not one more
    const stock = await mapConcurrently([...productIds, flashId], 8, async (id) => (await api.getProduct(id)).stock);
    expect(stock).toEqual([...productIds.map((id) => STOCK - acceptedUnits(orders, id)), 0]);
    expect(acceptedUnits(orders, flashId)).toBe(FLASH.stock);

    // Assess, once the consumer is quiet: positions kept, onOrder = PENDING, nothing ordered twice, DLQ empty
    const thresholdOf = (id: string) => (id === flashId ? FLASH.threshold : THRESHOLD);
    await waitUntil(async () => (await inventoryProblems(api, [...productIds, flashId], thresholdOf)).length === 0, 'every inventory position kept', 60_000, 500);
    await faulty.stack.barrier(60_000);
    expect(await inventoryProblems(api, [...productIds, flashId], thresholdOf)).toEqual([]);
    expect(readDlq(endpoints.dlqDirectory)).toEqual([]);

    // Assess: the faults happened, and the retries show in the functions' logs and the consumer's metrics
    const counts = readDynamoDbFaultCounts(faulty.stateDirectory);
    expect(counts[ORDERS_API]?.injectedErrors).toEqual({ ProvisionedThroughputExceededException: expect.any(Number), TransactionConflict: expect.any(Number) });
    expect(Object.keys(counts[CONSUMER]?.injectedErrors ?? {}).sort()).toEqual(['InternalServerError', 'ProvisionedThroughputExceededException', 'TransactionConflict']);
    const log = readStackLog(faulty.stateDirectory);
    expect(functionLines(log, CONSUMER, 'DynamoDB call retried').length).toBeGreaterThan(10);
    expect(functionLines(log, CONSUMER, 'metrics').filter((line) => line['DynamoDBRetries'] !== undefined).length).toBeGreaterThan(0);
    // Every conflict injected into the consumer's transactions is a lost race it counted and retried
    await waitUntil(
      () => metricSum(readStackLog(faulty.stateDirectory), CONSUMER, 'TransactionConflicts') === readDynamoDbFaultCounts(faulty.stateDirectory)[CONSUMER]?.injectedErrors['TransactionConflict'],
      'TransactionConflicts to match the conflicts injected into the consumer',
      5_000,
      250,
    );
    expect(functionLines(log, ORDERS_API, 'DynamoDB call retried').filter((line) => line['error'] === 'ProvisionedThroughputExceededException').length).toBeGreaterThan(0);
    // A record whose call failed all 6 attempts is reported failed and redelivered: within the mapping's retries, never to the DLQ
    expect(readMappingMetrics(faulty.stateDirectory).metrics.OnFailureDestinationDeliveredEventCount).toBe(0);
  });
});
