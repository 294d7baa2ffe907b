import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@shop/orders-api-contract';
import type { ReplenishmentOrder } from '@shop/inventory-domain';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { expectError } from '../support/shop-api';
import { waitUntil } from '../support/wait';

describe('the receive loop', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it('replenishes once per shortfall, cycle after cycle, and each receipt brings the stock back', async () => {
    const { api } = stack;
    // Prepare
    const productId = `loop#${randomUUID()}`;
    await api.putProduct(productId, { stock: 12, reorderThreshold: 5, amountToReplenish: 20 });
    const seen: ReplenishmentOrder[] = [];
    const stockAfterReceipts: number[] = [];

    // Act: three cycles of selling below the threshold, then receiving what the consumer ordered
    for (let cycle = 0; cycle < 3; cycle++) {
      const { stock } = await api.getProduct(productId);
      for (let sold = 0; stock - sold >= 5; sold += 4) await api.placeOrder({ productId, quantity: 4 });
      const fresh = await waitUntil(async () => (await api.listReplenishments(productId)).items.find((r) => !seen.some((s) => s.replenishmentId === r.replenishmentId)), `replenishment #${cycle + 1}`);
      seen.push(fresh);
      const received = await api.receiveReplenishment(fresh.replenishmentId);
      expect(received.onOrder).toBe(0);
      stockAfterReceipts.push(received.stock);
      expectError(await api.receive(fresh.replenishmentId), 409, ErrorCode.AlreadyReceived);
    }
    await stack.barrier();

    // Assess: 12 → sell 8 (4 left: position 4 < 5, one lot) → +20 = 24 → sell 20 (4) → +20 = 24 → sell 20 (4) → +20 = 24
    expect(stockAfterReceipts).toEqual([24, 24, 24]);
    const { items } = await api.listReplenishments(productId);
    expect(items.map((r) => r.replenishmentId)).toEqual(seen.map((r) => r.replenishmentId).reverse()); // newest first
    expect(items.every((r) => r.status === 'RECEIVED' && r.amountToReplenish === 20)).toBe(true);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 24, onOrder: 0, inventoryPosition: 24 });
  });
});
