import { randomUUID } from 'node:crypto';
import { startFaultStack, type FaultStack } from '../support/fault-stack';
import { mapConcurrently } from '@shop/shared-util-async';
import { readDlq, readMappingMetrics } from '../support/stack-files';
import { waitUntil } from '../support/wait';

describe('duplicate delivery', () => {
  let faulty: FaultStack;
  beforeAll(async () => (faulty = await startFaultStack({ faults: { duplicateBatches: true } })), 180_000);
  afterAll(async () => faulty?.stop());

  it('writes one replenishment per shortfall when the emulator delivers every batch twice', async () => {
    const { api } = faulty.stack;
    // Prepare: 30 products at 10 units, threshold 5
    const products = Array.from({ length: 30 }, (_, i) => `dup#${i}#${randomUUID()}`);
    await mapConcurrently(products, 8, (productId) => api.putProduct(productId, { stock: 10, reorderThreshold: 5, amountToReplenish: 10 }));

    // Act: 10 → 7 → 4 (position below 5: one lot is due) → 1 (position 11 with the lot on order), for every product
    await mapConcurrently(products, 8, async (productId) => {
      for (let i = 0; i < 3; i++) await api.placeOrder({ productId, quantity: 3 });
    });
    await faulty.stack.barrier();

    // Assess
    const counts = await mapConcurrently(products, 8, async (productId) => (await api.listReplenishments(productId)).items.length);
    expect(counts).toEqual(products.map(() => 1));
    // The fault really happened: once the mapping has invoked every record it read, the handler
    // ran twice for each of its invocations (metrics.json is rewritten every second).
    const { metrics, faults } = await waitUntil(() => {
      const mapping = readMappingMetrics(faulty.stateDirectory);
      const { InvokedEventCount, PolledEventCount, FilteredOutEventCount } = mapping.metrics;
      return InvokedEventCount > 0 && InvokedEventCount === PolledEventCount - FilteredOutEventCount && mapping;
    }, 'metrics.json to show every polled record invoked', 10_000);
    expect(faults?.duplicatedBatches).toBe(metrics.Invocations);
    expect(metrics.Invocations).toBeGreaterThanOrEqual(2);
    expect(metrics.FailedInvokeEventCount).toBe(0);
    expect(readDlq(faulty.process.endpoints.dlqDirectory)).toEqual([]);
  });
});
