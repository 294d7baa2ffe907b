import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@shop/tools-dynamodb-local';
import { seededRandom, StackProcess } from '@shop/tools-local-stack';
import { connectTo } from '../support/e2e-stack';
import { mapConcurrently } from '@shop/shared-util-async';
import { placeUntilSettled, type PlannedOrder, type SettledOrder } from '../support/resilient-orders';
import { ShopApi } from '../support/shop-api';
import { OPERATOR, Tokens } from '../support/tokens';
import { readDlq } from '../support/stack-files';

const PRODUCTS = 40;
const PHASES = 3;
const STOCK = 50;
const THRESHOLD = 20;
const SEED = 20_261_127;

/** Each phase: every product gets 8–27 orders of 1–3 units, shuffled; about half the products cross (31+ units sold). */
function planPhase(productIds: readonly string[], random: () => number): PlannedOrder[] {
  const orders: PlannedOrder[] = productIds.flatMap((productId) =>
    Array.from({ length: 8 + Math.floor(random() * 20) }, () => ({ productId, quantity: 1 + Math.floor(random() * 3), idempotencyKey: randomUUID() })),
  );
  for (let i = orders.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [orders[i], orders[j]] = [orders[j] as PlannedOrder, orders[i] as PlannedOrder];
  }
  return orders;
}

const acceptedUnits = (settled: readonly SettledOrder[], productId: string): number =>
  settled.filter((o) => o.productId === productId && o.outcome === 'accepted').reduce((sum, o) => sum + o.quantity, 0);

describe('crash and restart with --persist', () => {
  let stack: StackProcess | undefined;
  afterAll(async () => {
    await stack?.stop();
  });

  it('loses and duplicates no replenishment when the stack is killed with SIGKILL several times during thousands of orders', async () => {
    // Prepare
    const random = seededRandom(SEED);
    const stateDirectory = mkdtempSync(path.join(tmpdir(), 'shop-crash-'));
    const options = { stateDirectory, persistDirectory: path.join(stateDirectory, 'persist'), port: await freePort(), pollIntervalMs: 100 };
    stack = await StackProcess.start(options);
    // The same URL and (kept in the persist folder) the same issuer key across restarts.
    const api = new ShopApi(stack.endpoints.apiUrl, new Tokens(stack.endpoints.auth), OPERATOR);
    const productIds = Array.from({ length: PRODUCTS }, (_, i) => `crash#${i}#${randomUUID()}`);
    const settledByPhase: SettledOrder[][] = [];
    const stockAtPhaseEnd: number[][] = [];
    let kills = 0;
    const crash = async (): Promise<void> => {
      await (stack as StackProcess).kill();
      kills++;
      stack = await (stack as StackProcess).restart();
    };

    // Act: per phase, restock every product to 50, then place its orders (12 at a time) while the
    // stack is killed with SIGKILL and restarted once, somewhere between 30 % and 70 % of the way
    for (let phase = 0; phase < PHASES; phase++) {
      await mapConcurrently(productIds, 8, (id) => api.putProduct(id, { stock: STOCK, reorderThreshold: THRESHOLD, amountToReplenish: 50 }));
      const planned = planPhase(productIds, random);
      const killAt = Math.floor(planned.length * (0.3 + 0.4 * random()));
      let started = 0;
      let crashing: Promise<void> | undefined;
      const settled = await mapConcurrently(planned, 12, (order) => {
        if (++started === killAt) crashing = crash();
        return placeUntilSettled(api, order);
      });
      await crashing;
      settledByPhase.push(settled);
      stockAtPhaseEnd.push(await mapConcurrently(productIds, 8, async (id) => (await api.getProduct(id)).stock));
    }
    // One more while the consumer is still catching up with the last phase
    await crash();
    const connection = connectTo((stack as StackProcess).endpoints);
    await connection.barrier(60_000);
    const replenished = await mapConcurrently(productIds, 8, async (id) => (await api.listReplenishments(id)).items);
    connection.close();

    // Assess: stock moved by exactly the accepted orders (none lost, none applied twice)…
    const orders = settledByPhase.flat();
    expect(orders.length).toBeGreaterThanOrEqual(2000);
    expect(kills).toBe(PHASES + 1);
    expect(orders.some((o) => o.failedAttempts > 0)).toBe(true); // the kills did hit requests in flight
    const expectedStock = settledByPhase.map((settled) => productIds.map((id) => STOCK - acceptedUnits(settled, id)));
    expect(stockAtPhaseEnd).toEqual(expectedStock);
    // …and once the consumer has drained, every product's position is at or above its threshold,
    // what is on order is exactly its PENDING orders, and no shortfall was ordered twice.
    const finalProducts = await mapConcurrently(productIds, 8, (id) => api.getProduct(id));
    for (const [i, product] of finalProducts.entries()) {
      const items = replenished[i] ?? [];
      const pending = items.filter((r) => r.status === 'PENDING');
      expect(product.inventoryPosition).toBeGreaterThanOrEqual(THRESHOLD);
      expect(product.onOrder).toBe(pending.reduce((sum, r) => sum + r.amountToReplenish, 0));
      expect(new Set(items.map((r) => r.productVersion)).size).toBe(items.length);
    }
    expect(replenished.filter((items) => items.length > 0).length).toBeGreaterThan(PRODUCTS / 2);
    expect(readDlq((stack as StackProcess).endpoints.dlqDirectory)).toEqual([]);
  });
});
