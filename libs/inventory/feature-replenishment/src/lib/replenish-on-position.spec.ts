import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { ProductAttribute } from '@shop/inventory-data-access';
import { createInventoryTestbed, type InventoryTestbed } from '@shop/inventory-data-access/testing';
import { ReplenishmentIdCollisionError, replenishmentIdFor, type ProductReplenisher, type ProductState } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { dynamodbStreamRecord } from '../testing';
import { decodeProductChange, type ProductChange } from './product-change';
import { ReplenishmentDecision, ReplenishOnPosition } from './replenish-on-position';

describe('ReplenishOnPosition against DynamoDB Local', () => {
  const clock = () => new Date('2026-01-31T12:00:00.000Z');
  let bed: InventoryTestbed;
  let products: InventoryTestbed['products'];
  let replenisher: InventoryTestbed['replenisher'];
  let replenishments: InventoryTestbed['replenishments'];
  /** Every transaction the use case sends, by product. */
  let sent: string[];
  let counting: ProductReplenisher;

  beforeAll(async () => {
    bed = await createInventoryTestbed();
    ({ products, replenisher, replenishments } = bed);
  });
  beforeEach(() => {
    sent = [];
    counting = { orderOnce: (order) => (sent.push(order.productId), replenisher.orderOnce(order)) };
  });
  afterAll(() => bed.dispose());

  /** The change a record announces whose NewImage is `state` (as the stream would carry it). */
  const changeOf = (state: ProductState): ProductChange => decodeProductChange(dynamodbStreamRecord({ new: state, eventName: 'MODIFY', sequenceNumber: '1' }));

  it('orders the multiple of the lot the image asks for in one transaction and no read: stock 11 -> one order of 60', async () => {
    // Prepare
    const state = await products.put(seedProduct({ productId: 'p#eleven', stock: 11 }));

    // Act
    const outcome = await new ReplenishOnPosition(counting, clock).handle(changeOf(state));

    // Assess
    expect(outcome).toMatchObject({
      decision: ReplenishmentDecision.Created,
      order: { replenishmentId: replenishmentIdFor('p#eleven', state.version), amountToReplenish: 60, status: 'PENDING', createdAt: '2026-01-31T12:00:00.000Z', productVersion: state.version },
    });
    expect(sent).toEqual(['p#eleven']);
    expect(await products.get('p#eleven')).toMatchObject({ stock: 11, onOrder: 60, version: state.version + 1 });
  });

  it('orders nothing more for the same record again: its image is no longer current', async () => {
    // Prepare
    const state = await products.put(seedProduct({ productId: 'p#again', stock: 49 }));
    const useCase = new ReplenishOnPosition(counting, clock);
    await useCase.handle(changeOf(state));

    // Act
    const again = await useCase.handle(changeOf(state));

    // Assess
    expect(again).toEqual({ decision: ReplenishmentDecision.Superseded });
    expect((await replenishments.listByProduct('p#again')).items).toHaveLength(1);
    expect(await products.get('p#again')).toMatchObject({ onOrder: 30 });
  });

  it('sends nothing when the image shows the position covered, or for a removal', async () => {
    // Act
    const outcomes = await Promise.all([
      new ReplenishOnPosition(counting).handle(changeOf({ ...seedProduct({ productId: 'p#covered', stock: 80 }), onOrder: 0, version: 3 })),
      new ReplenishOnPosition(counting).handle(changeOf({ ...seedProduct({ productId: 'p#covered', stock: 20 }), onOrder: 30, version: 4 })),
      new ReplenishOnPosition(counting).handle(decodeProductChange(dynamodbStreamRecord({ old: seedProduct({ productId: 'p#covered' }), sequenceNumber: '2' }))),
    ]);

    // Assess
    expect(outcomes.map((o) => o.decision)).toEqual(['covered', 'covered', 'covered']);
    expect(sent).toEqual([]);
  });

  it('never orders from a stale image: the product moved on, the condition fails and nothing is written', async () => {
    // Prepare: the image says 10, but the product has been restocked since.
    const stale = await products.put(seedProduct({ productId: 'p#restocked', stock: 10 }));
    await products.put(seedProduct({ productId: 'p#restocked', stock: 90 }));

    // Act
    const outcome = await new ReplenishOnPosition(counting).handle(changeOf(stale));

    // Assess
    expect(outcome).toEqual({ decision: ReplenishmentDecision.Superseded });
    expect(sent).toEqual(['p#restocked']);
    expect((await replenishments.listByProduct('p#restocked')).items).toEqual([]);
    expect(await products.get('p#restocked')).toMatchObject({ stock: 90, onOrder: 0 });
  });

  it('fails with ReplenishmentIdCollisionError when the id its image gives is taken at an unchanged version', async () => {
    // Prepare: the product ordered at a version, then was deleted by hand and re-created up to it.
    const first = await products.put(seedProduct({ productId: 'p#reborn', stock: 10 }));
    await new ReplenishOnPosition(counting).handle(changeOf(first));
    await bed.documentClient.send(new DeleteCommand({ TableName: bed.tables.products, Key: { [ProductAttribute.ProductId]: 'p#reborn' } }));
    const reborn = await products.put(seedProduct({ productId: 'p#reborn', stock: 10 }));

    // Act
    const attempt = new ReplenishOnPosition(counting).handle(changeOf(reborn));

    // Assess
    expect(reborn.version).toBe(first.version);
    await expect(attempt).rejects.toBeInstanceOf(ReplenishmentIdCollisionError);
    expect(await products.get('p#reborn')).toMatchObject({ onOrder: 0 });
  });
});
