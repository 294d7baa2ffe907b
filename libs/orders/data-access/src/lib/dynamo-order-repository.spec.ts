import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ProductNotFoundError } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { DynamoProductRepository, ProductAttribute, ProductChangeKind } from '@shop/inventory-data-access';
import { InsufficientStockError, OrderStatus, OrderValidationError, placeOrder, readOwnOrder, requestFingerprint, type OrderPlacement } from '@shop/orders-domain';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { v7 as uuidV7 } from 'uuid';
import { DynamoOrderRepository } from './dynamo-order-repository';

/** Integration tests against DynamoDB Local (started by the Jest global setup). */
describe('DynamoOrderRepository', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  let tables: TestTables;
  let orders: DynamoOrderRepository;
  let products: DynamoProductRepository;

  const placement = (overrides: { productId?: string; quantity?: number; orderId?: string; createdAt?: string; token?: string } = {}): OrderPlacement => {
    const orderId = overrides.orderId ?? uuidV7();
    const productId = overrides.productId ?? 'p#1234';
    const quantity = overrides.quantity ?? 2;
    return {
      order: { orderId, productId, quantity, status: OrderStatus.Placed, createdAt: overrides.createdAt ?? new Date().toISOString(), ownerId: 'alice' },
      clientRequestToken: overrides.token ?? orderId,
      requestFingerprint: requestFingerprint({ productId, quantity }),
    };
  };
  const stockOf = async (productId: string): Promise<number | undefined> => (await products.get(productId))?.stock;
  const storedOrder = async (orderId: string) =>
    (await documentClient.send(new GetCommand({ TableName: tables.orders, Key: { orderId } }))).Item;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    orders = new DynamoOrderRepository(documentClient, { ordersTableName: tables.orders, productsTableName: tables.products });
    products = new DynamoProductRepository(documentClient, tables.products);
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  it('decrements stock and writes the order in one transaction', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#place', stock: 51 }));
    const p = { ...placement({ productId: 'p#place', quantity: 2 }), idempotencyKey: 'key-1' };

    // Act
    const outcome = await orders.place(p);

    // Assess
    expect(outcome).toEqual({ status: 'placed', order: p.order });
    expect(await stockOf('p#place')).toBe(49);
    const { Item: product } = await documentClient.send(new GetCommand({ TableName: tables.products, Key: { [ProductAttribute.ProductId]: 'p#place' } }));
    expect(product).toMatchObject({ [ProductAttribute.Version]: 2, [ProductAttribute.LastChange]: ProductChangeKind.Sale });
    expect(await storedOrder(p.order.orderId)).toEqual({ ...p.order, requestFingerprint: p.requestFingerprint, idempotencyKey: 'key-1' });
    expect(await orders.get(p.order.orderId)).toEqual(p.order);
  });

  it('refuses an order larger than the stock and writes nothing', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#short', stock: 3 }));
    const p = placement({ productId: 'p#short', quantity: 4 });

    // Act
    const attempt = orders.place(p);

    // Assess
    await expect(attempt).rejects.toEqual(new InsufficientStockError('p#short', 4, 3));
    await expect(attempt).rejects.toMatchObject({ available: 3, requested: 4 });
    expect(await stockOf('p#short')).toBe(3);
    expect(await storedOrder(p.order.orderId)).toBeUndefined();
  });

  it('lets an order take the last unit, and not one more', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#last', stock: 1 }));

    // Act
    await orders.place(placement({ productId: 'p#last', quantity: 1 }));
    const second = orders.place(placement({ productId: 'p#last', quantity: 1 }));

    // Assess
    await expect(second).rejects.toThrow(InsufficientStockError);
    expect(await stockOf('p#last')).toBe(0);
  });

  it('refuses an order for a product that does not exist and creates no product', async () => {
    // Prepare
    const p = placement({ productId: 'p#missing' });

    // Act
    const attempt = orders.place(p);

    // Assess
    await expect(attempt).rejects.toEqual(new ProductNotFoundError('p#missing'));
    expect(await products.get('p#missing')).toBeUndefined();
    expect(await storedOrder(p.order.orderId)).toBeUndefined();
  });

  it('reports the stored order when the order id exists, even after stock ran out, and decrements nothing', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#replay', stock: 2 }));
    const first = placement({ productId: 'p#replay', quantity: 2, createdAt: '2026-01-01T00:00:00.000Z' });
    await orders.place(first);

    // Act: a new token (beyond DynamoDB's token window) and a later createdAt
    const outcome = await orders.place({ ...placement({ productId: 'p#replay', quantity: 2, orderId: first.order.orderId }), clientRequestToken: 'another-token' });

    // Assess
    expect(outcome).toEqual({ status: 'exists', order: first.order, requestFingerprint: first.requestFingerprint });
    expect(await stockOf('p#replay')).toBe(0);
  });

  it('reports the stored order when the token was used with other parameters (IdempotentParameterMismatch)', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#token', stock: 10 }));
    const first = placement({ productId: 'p#token', quantity: 1, createdAt: '2026-01-01T00:00:00.000Z', token: 'shared-token' });
    await orders.place(first);

    // Act: same token and id, different createdAt, within the token window
    const outcome = await orders.place(
      placement({ productId: 'p#token', quantity: 1, orderId: first.order.orderId, createdAt: '2026-01-01T00:00:09.000Z', token: 'shared-token' }),
    );

    // Assess
    expect(outcome).toEqual({ status: 'exists', order: first.order, requestFingerprint: first.requestFingerprint });
    expect(await stockOf('p#token')).toBe(9);
  });

  it('applies a transaction sent twice with the same token and parameters once', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#twice', stock: 10 }));
    const p = placement({ productId: 'p#twice', quantity: 3 });

    // Act: what the SDK does when a committed request's response is lost
    await orders.place(p);
    const again = await orders.place(p);

    // Assess
    expect(again).toEqual({ status: 'placed', order: p.order });
    expect(await stockOf('p#twice')).toBe(7);
  });

  it('rejects an invalid placement before writing anything', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#invalid', stock: 10 }));
    const valid = placement({ productId: 'p#invalid' });

    // Act
    const badQuantity = orders.place({ ...valid, order: { ...valid.order, quantity: 0 } });
    const badToken = orders.place({ ...valid, clientRequestToken: 'x'.repeat(37) });

    // Assess
    await expect(badQuantity).rejects.toThrow(OrderValidationError);
    await expect(badToken).rejects.toThrow('clientRequestToken');
    expect(await stockOf('p#invalid')).toBe(10);
  });

  it('places two orders when two owners send the same Idempotency-Key and body, and replays each to its owner', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#owners', stock: 10 }));
    const request = { productId: 'p#owners', quantity: 2, idempotencyKey: 'checkout-1' };

    // Act
    const ofAlice = await placeOrder({ ...request, ownerId: 'alice' }, { orders });
    const ofBob = await placeOrder({ ...request, ownerId: 'bob' }, { orders });
    const aliceAgain = await placeOrder({ ...request, ownerId: 'alice' }, { orders });

    // Assess
    expect(ofBob.order.orderId).not.toBe(ofAlice.order.orderId);
    expect([ofAlice.replayed, ofBob.replayed, aliceAgain.replayed]).toEqual([false, false, true]);
    expect(aliceAgain.order).toEqual(ofAlice.order);
    expect(await stockOf('p#owners')).toBe(6);
    expect(await storedOrder(ofBob.order.orderId)).toMatchObject({ ownerId: 'bob', idempotencyKey: 'checkout-1' });
  });

  it("reads an order back for its owner only; another owner's is not found", async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#mine', stock: 10 }));
    const { order } = await placeOrder({ ownerId: 'alice', productId: 'p#mine', quantity: 1 }, { orders });

    // Act
    const asAlice = await readOwnOrder(order.orderId, 'alice', { orders });
    const asBob = await readOwnOrder(order.orderId, 'bob', { orders });

    // Assess
    expect(asAlice).toEqual(order);
    expect(asBob).toBeUndefined();
  });

  it('finds no order for an unknown id or one that is not an order id', async () => {
    expect(await orders.get(uuidV7())).toBeUndefined();
    expect(await orders.get('p#1234')).toBeUndefined();
    expect(await orders.get('')).toBeUndefined();
  });
});
