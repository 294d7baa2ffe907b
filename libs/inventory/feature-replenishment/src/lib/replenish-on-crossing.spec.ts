import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoReplenishmentRepository } from '@shop/inventory-data-access';
import { replenishmentIdFor, ReplenishmentStatus } from '@shop/inventory-domain';
import { seedProduct } from '@shop/inventory-domain/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import type { ProductChange } from './product-change';
import { ReplenishOnCrossing } from './replenish-on-crossing';

describe('ReplenishOnCrossing against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  const now = new Date('2026-01-31T12:00:00.000Z');
  let tables: TestTables;
  let replenishments: DynamoReplenishmentRepository;
  let useCase: ReplenishOnCrossing;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    replenishments = new DynamoReplenishmentRepository(documentClient, {
      replenishmentTableName: tables.replenishment,
      productsTableName: tables.products,
    });
    useCase = new ReplenishOnCrossing(replenishments, () => now);
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  const change = (productId: string, beforeStock: number | undefined, afterStock: number): ProductChange => ({
    eventName: beforeStock === undefined ? 'INSERT' : 'MODIFY',
    productId,
    source: { eventID: `e-${productId}`, sequenceNumber: '100' },
    ...(beforeStock !== undefined && { before: seedProduct({ productId, stock: beforeStock }) }),
    after: seedProduct({ productId, stock: afterStock, amountToReplenish: 25 }),
  });

  it('writes one PENDING order with the id of the record and the amount of the new image', async () => {
    // Prepare
    const crossing = change('p#cross', 51, 49);

    // Act
    const outcome = await useCase.handle(crossing);

    // Assess
    const expected = {
      replenishmentId: replenishmentIdFor('p#cross', crossing.source),
      productId: 'p#cross',
      amountToReplenish: 25,
      status: ReplenishmentStatus.Pending,
      createdAt: now.toISOString(),
      source: crossing.source,
    };
    expect(outcome).toEqual({ decision: 'created', order: expected });
    expect(await replenishments.listByProduct('p#cross')).toEqual([expected]);
  });

  it('answers the same record a second time with duplicate, leaving one order', async () => {
    // Prepare
    await useCase.handle(change('p#again', 51, 49));

    // Act
    const outcome = await useCase.handle(change('p#again', 51, 49));

    // Assess
    expect(outcome.decision).toBe('duplicate');
    expect(await replenishments.listByProduct('p#again')).toHaveLength(1);
  });

  it('writes nothing when there is no crossing, for a removal, or for a move while below', async () => {
    // Prepare
    const removal: ProductChange = { eventName: 'REMOVE', productId: 'p#quiet', source: { eventID: 'r', sequenceNumber: '1' } };

    // Act
    const outcomes = await Promise.all([useCase.handle(change('p#quiet', 80, 60)), useCase.handle(change('p#quiet', 40, 30)), useCase.handle(removal)]);

    // Assess
    expect(outcomes.map((o) => o.decision)).toEqual(['no-crossing', 'no-crossing', 'no-crossing']);
    expect(await replenishments.listByProduct('p#quiet')).toEqual([]);
  });

  it('orders for a product created below its threshold', async () => {
    // Act
    const outcome = await useCase.handle(change('p#born-low', undefined, 3));

    // Assess
    expect(outcome.decision).toBe('created');
  });
});
