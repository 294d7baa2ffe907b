import { createInventoryTestbed, type InventoryTestbed } from '@shop/inventory-data-access/testing';
import type { ProductReplenisher } from '@shop/inventory-domain';
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

  beforeAll(async () => {
    bed = await createInventoryTestbed();
    ({ products, replenisher, replenishments } = bed);
  });
  afterAll(() => bed.dispose());

  /** The change a record of `productId` at `stock` (threshold 50, lots of 30) announces. */
  const changeTo = (productId: string, stock: number, onOrder = 0): ProductChange =>
    decodeProductChange(dynamodbStreamRecord({ new: { ...seedProduct({ productId, stock }), onOrder }, eventName: 'MODIFY', sequenceNumber: '1' }));

  it('orders the multiple of the lot the current position needs: stock 11 -> one order of 60', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#eleven', stock: 11 }));

    // Act
    const outcome = await new ReplenishOnPosition(replenisher, clock).handle(changeTo('p#eleven', 11));

    // Assess
    expect(outcome).toMatchObject({ decision: ReplenishmentDecision.Created, order: { amountToReplenish: 60, status: 'PENDING', createdAt: '2026-01-31T12:00:00.000Z' } });
    expect(await products.get('p#eleven')).toMatchObject({ stock: 11, onOrder: 60 });
  });

  it('orders nothing more for the same record again, nor for an older record of the same shortfall', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#again', stock: 49 }));
    const useCase = new ReplenishOnPosition(replenisher, clock);
    await useCase.handle(changeTo('p#again', 49));

    // Act
    const again = await useCase.handle(changeTo('p#again', 49));

    // Assess
    expect(again).toEqual({ decision: ReplenishmentDecision.NotNeeded });
    expect((await replenishments.listByProduct('p#again')).items).toHaveLength(1);
  });

  it('decides from the image alone, reading nothing, when the image shows the position covered', async () => {
    // Prepare
    const reads: string[] = [];
    const counting: ProductReplenisher = { current: (id) => (reads.push(id), replenisher.current(id)), orderOnce: (o) => replenisher.orderOnce(o) };

    // Act
    const outcomes = await Promise.all([
      new ReplenishOnPosition(counting).handle(changeTo('p#covered', 80)),
      new ReplenishOnPosition(counting).handle(changeTo('p#covered', 20, 30)),
      new ReplenishOnPosition(counting).handle(decodeProductChange(dynamodbStreamRecord({ old: seedProduct({ productId: 'p#covered' }), sequenceNumber: '2' }))),
    ]);

    // Assess
    expect(outcomes.map((o) => o.decision)).toEqual(['covered', 'covered', 'covered']);
    expect(reads).toEqual([]);
  });

  it('decides from the product as it is now, not from a stale image', async () => {
    // Prepare: the image says 10, but the product has been restocked since.
    await products.put(seedProduct({ productId: 'p#restocked', stock: 90 }));

    // Act
    const outcome = await new ReplenishOnPosition(replenisher).handle(changeTo('p#restocked', 10));

    // Assess
    expect(outcome).toEqual({ decision: ReplenishmentDecision.NotNeeded });
    expect((await replenishments.listByProduct('p#restocked')).items).toEqual([]);
  });

  it('reads and decides again when the product moves between the read and the commit', async () => {
    // Prepare: a sale lands right after the first read.
    await products.put(seedProduct({ productId: 'p#moving', stock: 45 }));
    let reads = 0;
    const racing: ProductReplenisher = {
      current: async (id) => {
        const product = await replenisher.current(id);
        if (++reads === 1) await products.put(seedProduct({ productId: id, stock: 5 }));
        return product;
      },
      orderOnce: (order) => replenisher.orderOnce(order),
    };

    // Act
    const outcome = await new ReplenishOnPosition(racing).handle(changeTo('p#moving', 45));

    // Assess
    expect(reads).toBe(2);
    expect(outcome).toMatchObject({ decision: ReplenishmentDecision.Created, order: { amountToReplenish: 60 } });
    expect(await products.get('p#moving')).toMatchObject({ stock: 5, onOrder: 60 });
  });

  it('leaves the record to a later one after maxDecisions rounds of a product that keeps moving', async () => {
    // Prepare
    await products.put(seedProduct({ productId: 'p#restless', stock: 45 }));
    const restless: ProductReplenisher = {
      current: async (id) => {
        const product = await replenisher.current(id);
        await products.put(seedProduct({ productId: id, stock: 44 }));
        return product;
      },
      orderOnce: (order) => replenisher.orderOnce(order),
    };

    // Act
    const outcome = await new ReplenishOnPosition(restless, clock, 2).handle(changeTo('p#restless', 45));

    // Assess
    expect(outcome).toEqual({ decision: ReplenishmentDecision.Superseded });
    expect(await products.get('p#restless')).toMatchObject({ onOrder: 0 });
  });

  it('refuses a maxDecisions that is not a positive integer', () => {
    // Act / Assess
    expect(() => new ReplenishOnPosition(replenisher, clock, 0)).toThrow(RangeError);
  });
});
