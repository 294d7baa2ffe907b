import { randomUUID } from 'node:crypto';
import { mapConcurrently } from '@shop/shared-util-async';
import { acceptedUnits, CONSUMER, inventoryProblems, ORDERS_API, placeHonouringRetryAfter, readDynamoDbFaultCounts, readStackLog } from '../support/dynamodb-faults';
import { startFaultStack, type FaultStack } from '../support/fault-stack';
import { readDlq, readMappingMetrics } from '../support/stack-files';
import { waitUntil } from '../support/wait';

const PRODUCTS = 8;
const STOCK = 40;
const THRESHOLD = 20;

/**
 * Every DynamoDB answer 400 ms late, for both functions, with no IAM proxy in the way (`--iam
 * off`: the fault relay stands in front of DynamoDB Local itself).
 */
describe('slow DynamoDB answers', () => {
  let faulty: FaultStack;
  beforeAll(async () => (faulty = await startFaultStack({ iam: 'off', faults: { dynamodb: ['delay-ms=400'] } })), 180_000);
  afterAll(async () => faulty?.stop());

  it('times out no function and loses nothing when every answer takes 400 ms', async () => {
    const { api, endpoints } = faulty.stack;
    // Prepare
    const productIds = Array.from({ length: PRODUCTS }, (_, i) => `slow#${i}#${randomUUID()}`);
    await mapConcurrently(productIds, 8, (id) => api.putProduct(id, { stock: STOCK, reorderThreshold: THRESHOLD, amountToReplenish: 30 }));

    // Act: 10 orders of 1–3 units per product from 8 clients; most products cross their threshold
    const planned = productIds.flatMap((productId, p) => Array.from({ length: 10 }, (_, i) => ({ productId, quantity: 1 + ((p + i) % 3), idempotencyKey: randomUUID() })));
    const orders = await mapConcurrently(planned, 8, (order) => placeHonouringRetryAfter(api, order));

    // Assess: each order answered at once (no 503 from a slow table), well inside the 10 s timeout
    expect(orders.flatMap((o) => o.statuses).filter((status) => status !== 201 && status !== 409)).toEqual([]);
    expect(Math.max(...orders.map((o) => o.slowestMs))).toBeLessThan(5_000);
    expect(await mapConcurrently(productIds, 8, async (id) => (await api.getProduct(id)).stock)).toEqual(productIds.map((id) => STOCK - acceptedUnits(orders, id)));
    await waitUntil(async () => (await inventoryProblems(api, productIds, () => THRESHOLD)).length === 0, 'every inventory position kept', 60_000, 500);
    await faulty.stack.barrier(60_000);
    expect(await inventoryProblems(api, productIds, () => THRESHOLD)).toEqual([]);
    // Nothing timed out, nothing failed, nothing in the DLQ; the delays were real
    expect(readMappingMetrics(faulty.stateDirectory).metrics.Errors).toBe(0);
    expect(readStackLog(faulty.stateDirectory).filter((line) => /timed out|Sandbox\.Timedout/i.test(`${line.message} ${JSON.stringify(line)}`))).toEqual([]);
    expect(readDlq(endpoints.dlqDirectory)).toEqual([]);
    const counts = readDynamoDbFaultCounts(faulty.stateDirectory);
    expect(counts[ORDERS_API]?.delayedRequests).toBeGreaterThanOrEqual(planned.length);
    expect(counts[CONSUMER]?.delayedRequests).toBeGreaterThan(0);
  });
});
