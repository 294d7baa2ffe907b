import { ProductNotFoundError } from '@shop/inventory-domain';
import { IdempotencyKeyReusedError } from './errors';
import { orderIdentity } from './idempotency';
import type { Order } from './order';
import { placeOrder } from './place-order';
import type { OrderPlacement, OrderRepository, PlacementOutcome } from './ports';

/** A port double with the adapter's contract: first write wins, later writes report what is stored. */
class InMemoryOrderRepository implements OrderRepository {
  readonly placements: OrderPlacement[] = [];
  private readonly stored = new Map<string, { order: Order; requestFingerprint: string }>();

  constructor(private readonly knownProducts: ReadonlySet<string>) {}

  async place(placement: OrderPlacement): Promise<PlacementOutcome> {
    this.placements.push(placement);
    const existing = this.stored.get(placement.order.orderId);
    if (existing) return { status: 'exists', ...existing };
    if (!this.knownProducts.has(placement.order.productId)) throw new ProductNotFoundError(placement.order.productId);
    this.stored.set(placement.order.orderId, { order: placement.order, requestFingerprint: placement.requestFingerprint });
    return { status: 'placed', order: placement.order };
  }

  async get(orderId: string): Promise<Order | undefined> {
    return this.stored.get(orderId)?.order;
  }
}

const at = (iso: string) => () => new Date(iso);

describe('placeOrder', () => {
  it('places an order with the id and token derived from the Idempotency-Key', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository(new Set(['p#1234']));

    // Act
    const result = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 2, idempotencyKey: 'k1' }, { orders, now: at('2026-01-31T12:00:00.000Z') });

    // Assess
    expect(result).toEqual({
      replayed: false,
      order: { orderId: orderIdentity({ ownerId: 'alice', idempotencyKey: 'k1' }).orderId, productId: 'p#1234', quantity: 2, status: 'PLACED', createdAt: '2026-01-31T12:00:00.000Z', ownerId: 'alice' },
    });
    expect(orders.placements[0]).toMatchObject({ clientRequestToken: orderIdentity({ ownerId: 'alice', idempotencyKey: 'k1' }).clientRequestToken, idempotencyKey: 'k1' });
  });

  it('returns the first order when the same key and body come again, later', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository(new Set(['p#1234']));
    const first = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 2, idempotencyKey: 'k1' }, { orders, now: at('2026-01-31T12:00:00.000Z') });

    // Act
    const replay = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 2, idempotencyKey: 'k1' }, { orders, now: at('2026-02-28T08:00:00.000Z') });

    // Assess
    expect(replay).toEqual({ replayed: true, order: first.order });
  });

  it('refuses the same key with a different body', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository(new Set(['p#1234', 'p#9']));
    await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 2, idempotencyKey: 'k1' }, { orders });

    // Act
    const other = placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 3, idempotencyKey: 'k1' }, { orders });

    // Assess
    await expect(other).rejects.toThrow(IdempotencyKeyReusedError);
    await expect(placeOrder({ ownerId: 'alice', productId: 'p#9', quantity: 2, idempotencyKey: 'k1' }, { orders })).rejects.toMatchObject({
      name: 'IdempotencyKeyReusedError',
      idempotencyKey: 'k1',
      orderId: orderIdentity({ ownerId: 'alice', idempotencyKey: 'k1' }).orderId,
    });
  });

  it('places a second order when another owner sends the same key and body', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository(new Set(['p#1234']));
    const ofAlice = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 2, idempotencyKey: 'k1' }, { orders });

    // Act
    const ofBob = await placeOrder({ ownerId: 'bob', productId: 'p#1234', quantity: 2, idempotencyKey: 'k1' }, { orders });

    // Assess
    expect(ofBob.replayed).toBe(false);
    expect(ofBob.order.orderId).not.toBe(ofAlice.order.orderId);
    expect([ofAlice.order.ownerId, ofBob.order.ownerId]).toEqual(['alice', 'bob']);
  });

  it('gives orders without a key distinct time-ordered ids', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository(new Set(['p#1234']));

    // Act
    const a = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 1 }, { orders, now: at('2026-01-31T12:00:00.000Z') });
    const b = await placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 1 }, { orders, now: at('2026-01-31T12:00:00.001Z') });

    // Assess
    expect(a.order.orderId < b.order.orderId).toBe(true);
    expect(orders.placements.map((p) => p.idempotencyKey)).toEqual([undefined, undefined]);
  });

  it('rejects an invalid request before calling the repository', async () => {
    // Prepare
    const orders = new InMemoryOrderRepository(new Set(['p#1234']));

    // Act
    const attempt = placeOrder({ ownerId: 'alice', productId: 'p#1234', quantity: 0 }, { orders });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'OrderValidationError' });
    expect(orders.placements).toHaveLength(0);
  });

  it('lets repository errors through', async () => {
    const orders = new InMemoryOrderRepository(new Set());
    await expect(placeOrder({ ownerId: 'alice', productId: 'p#404', quantity: 1 }, { orders })).rejects.toThrow(ProductNotFoundError);
  });
});
