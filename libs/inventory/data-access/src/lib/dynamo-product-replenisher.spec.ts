import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ReplenishmentIdCollisionError, replenishmentIdFor, type ReplenishmentOrder } from '@shop/inventory-domain';
import { pendingReplenishment, seedProduct } from '@shop/inventory-domain/testing';
import { ProductAttribute } from './attributes';
import { ProductChangeKind } from './product-write-stamp';
import { createInventoryTestbed, type InventoryTestbed } from '../testing';

describe('DynamoProductReplenisher against DynamoDB Local', () => {
  let bed: InventoryTestbed;
  let tables: InventoryTestbed['tables'];
  let documentClient: InventoryTestbed['documentClient'];
  let products: InventoryTestbed['products'];
  let replenisher: InventoryTestbed['replenisher'];
  let replenishments: InventoryTestbed['replenishments'];

  beforeAll(async () => {
    bed = await createInventoryTestbed();
    ({ tables, documentClient, products, replenisher, replenishments } = bed);
  });
  afterAll(() => bed.dispose());

  const orderFor = (productId: string, productVersion: number, amountToReplenish = 60): ReplenishmentOrder & { productVersion: number } => ({
    ...pendingReplenishment({ productId, amountToReplenish, replenishmentId: replenishmentIdFor(productId, productVersion) }),
    productVersion,
  });

  it('puts the order and raises onOrder and the version in one transaction', async () => {
    // Prepare
    const { version } = await products.put(seedProduct({ productId: 'p#order', stock: 11 }));

    // Act
    const outcome = await replenisher.orderOnce(orderFor('p#order', version));

    // Assess
    expect(outcome).toBe('created');
    expect(await products.get('p#order')).toMatchObject({ stock: 11, onOrder: 60, version: version + 1 });
    const { Item } = await documentClient.send(new GetCommand({ TableName: tables.products, Key: { [ProductAttribute.ProductId]: 'p#order' } }));
    expect(Item?.[ProductAttribute.LastChange]).toBe(ProductChangeKind.ReplenishmentOrder);
    expect(await replenishments.get(replenishmentIdFor('p#order', version))).toMatchObject({ status: 'PENDING', amountToReplenish: 60, productVersion: version });
  });

  it('writes nothing for a decision made from a version the product has left', async () => {
    // Prepare
    const { version } = await products.put(seedProduct({ productId: 'p#moved', stock: 11 }));
    await products.put(seedProduct({ productId: 'p#moved', stock: 12 }));

    // Act
    const outcome = await replenisher.orderOnce(orderFor('p#moved', version));

    // Assess
    expect(outcome).toBe('superseded');
    expect(await products.get('p#moved')).toMatchObject({ stock: 12, onOrder: 0 });
    expect(await replenishments.get(replenishmentIdFor('p#moved', version))).toBeUndefined();
  });

  it('lets only one of two deciders of the same state through', async () => {
    // Prepare
    const { version } = await products.put(seedProduct({ productId: 'p#twice', stock: 11 }));

    // Act
    const outcomes = await Promise.all([replenisher.orderOnce(orderFor('p#twice', version)), replenisher.orderOnce(orderFor('p#twice', version))]);

    // Assess
    expect(outcomes.sort()).toEqual(['created', 'superseded']);
    expect(await products.get('p#twice')).toMatchObject({ onOrder: 60 });
  });

  it('orders for a product stored before versions existed (version 0)', async () => {
    // Prepare
    await documentClient.send(new PutCommand({ TableName: tables.products, Item: seedProduct({ productId: 'p#legacy', stock: 40 }) }));

    // Act
    const outcome = await replenisher.orderOnce(orderFor('p#legacy', 0, 30));

    // Assess
    expect(outcome).toBe('created');
    expect(await products.get('p#legacy')).toMatchObject({ stock: 40, onOrder: 30, version: 1 });
  });

  it('reports an order id already taken at an unchanged version as a collision, writing nothing', async () => {
    // Prepare: an order exists under the id the product's version gives, as after a delete and re-create.
    const { version } = await products.put(seedProduct({ productId: 'p#recreated', stock: 11 }));
    await replenisher.orderOnce(orderFor('p#recreated', version));
    await documentClient.send(new DeleteCommand({ TableName: tables.products, Key: { [ProductAttribute.ProductId]: 'p#recreated' } }));
    await products.put(seedProduct({ productId: 'p#recreated', stock: 11 }));

    // Act
    const attempt = replenisher.orderOnce(orderFor('p#recreated', version));

    // Assess
    await expect(attempt).rejects.toThrow(ReplenishmentIdCollisionError);
    expect(await products.get('p#recreated')).toMatchObject({ onOrder: 0, version });
  });

  it('rejects an invalid order before writing', async () => {
    // Act
    const attempt = replenisher.orderOnce({ ...orderFor('p#invalid', 1), amountToReplenish: 0 });

    // Assess
    await expect(attempt).rejects.toThrow('Invalid replenishment order: amountToReplenish:');
    expect(await replenishments.get(replenishmentIdFor('p#invalid', 1))).toBeUndefined();
  });
});
