/**
 * Test helpers for code built on the inventory adapters. Not part of the production API.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@shop/shared-data-access-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '@shop/shared-data-access-dynamodb/testing';
import { DynamoProductReplenisher } from './lib/dynamo-product-replenisher';
import { DynamoProductRepository } from './lib/dynamo-product-repository';
import { DynamoReplenishmentRepository } from './lib/dynamo-replenishment-repository';

/** Fresh tables in DynamoDB Local and the three inventory adapters on them. */
export interface InventoryTestbed {
  readonly tables: TestTables;
  readonly documentClient: DynamoDBDocumentClient;
  readonly products: DynamoProductRepository;
  readonly replenisher: DynamoProductReplenisher;
  readonly replenishments: DynamoReplenishmentRepository;
  /** Deletes the tables and closes the clients. */
  dispose(): Promise<void>;
}

/**
 * Creates isolated tables (the clients find DynamoDB Local through AWS_ENDPOINT_URL_DYNAMODB, as
 * the Jest global setup exports it) and the adapters the replenishment code uses.
 *
 * @example
 * let bed: InventoryTestbed;
 * beforeAll(async () => (bed = await createInventoryTestbed()));
 * afterAll(() => bed.dispose());
 */
export async function createInventoryTestbed(): Promise<InventoryTestbed> {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  const tables = await createTestTables(raw);
  const names = { replenishmentTableName: tables.replenishment, productsTableName: tables.products };
  return {
    tables,
    documentClient,
    products: new DynamoProductRepository(documentClient, tables.products),
    replenisher: new DynamoProductReplenisher(documentClient, names),
    replenishments: new DynamoReplenishmentRepository(documentClient, names),
    dispose: async () => {
      await deleteTestTables(tables, raw);
      documentClient.destroy();
      raw.destroy();
    },
  };
}
