import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ProductValidationError } from '@shop/inventory-domain';
import { pendingReplenishment } from '@shop/inventory-domain/testing';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { ReplenishmentAttribute } from './attributes';
import { DynamoReplenishmentWriter } from './dynamo-replenishment-writer';
import { toReplenishmentItem } from './replenishment-item';

describe('DynamoReplenishmentWriter against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  let tables: TestTables;
  let writer: DynamoReplenishmentWriter;

  beforeAll(async () => {
    tables = await createTestTables(raw);
    writer = new DynamoReplenishmentWriter(documentClient, tables.replenishment);
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  const stored = async (replenishmentId: string): Promise<Record<string, unknown> | undefined> =>
    (
      await documentClient.send(
        new GetCommand({ TableName: tables.replenishment, Key: { [ReplenishmentAttribute.ReplenishmentId]: replenishmentId }, ConsistentRead: true }),
      )
    ).Item;

  it('writes a new order and reports it created', async () => {
    // Prepare
    const order = pendingReplenishment({ replenishmentId: 'w-new' });

    // Act
    const outcome = await writer.createOnce(order);

    // Assess
    expect(outcome).toBe('created');
    expect(await stored('w-new')).toEqual(toReplenishmentItem(order));
  });

  it('reports a second write with the same id as a duplicate and keeps the first order', async () => {
    // Prepare
    const order = pendingReplenishment({ replenishmentId: 'w-dup' });
    await writer.createOnce(order);

    // Act
    const outcome = await writer.createOnce({ ...order, amountToReplenish: 1, createdAt: '2026-03-01T00:00:00.000Z' });

    // Assess
    expect(outcome).toBe('duplicate');
    expect(await stored('w-dup')).toEqual(toReplenishmentItem(order));
  });

  it('rejects an invalid order before writing', async () => {
    // Prepare
    const invalid = { ...pendingReplenishment({ replenishmentId: 'w-invalid' }), productId: '' };

    // Act
    const attempt = writer.createOnce(invalid);

    // Assess
    await expect(attempt).rejects.toThrow(ProductValidationError);
    expect(await stored('w-invalid')).toBeUndefined();
  });

  it('lets any other failure through: a missing table is not a duplicate', async () => {
    // Prepare
    const misconfigured = new DynamoReplenishmentWriter(documentClient, `${tables.prefix}-no-such-table`);

    // Act
    const attempt = misconfigured.createOnce(pendingReplenishment({ replenishmentId: 'w-no-table' }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
