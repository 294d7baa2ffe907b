/**
 * Test helpers for integration tests against DynamoDB Local (started by the Jest global setup in
 * tools/dynamodb-local). Not part of the production entry point.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { physicalTableName, TABLES, type TableDesign } from '@shop/shared-table-design';
import { createTableInput } from '@shop/shared-table-design/testing';

export interface TestTables {
  readonly prefix: string;
  readonly products: string;
  readonly orders: string;
  readonly replenishment: string;
  /** The three env vars (PRODUCTS_TABLE_NAME, …) pointing at these tables. */
  readonly env: Record<string, string>;
}

/** Creates the three tables under a fresh prefix, so test files never share state. */
export async function createTestTables(client: DynamoDBClient = new DynamoDBClient({})): Promise<TestTables> {
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const names = Object.fromEntries(TABLES.map((t) => [t.id, physicalTableName(prefix, t)])) as Record<TableDesign['id'], string>;
  await Promise.all(TABLES.map((t) => client.send(new CreateTableCommand(createTableInput(t, names[t.id])))));
  return {
    prefix,
    products: names.products,
    orders: names.orders,
    replenishment: names.replenishment,
    env: Object.fromEntries(TABLES.map((t) => [t.envVar, names[t.id]])),
  };
}

export async function deleteTestTables(tables: TestTables, client: DynamoDBClient = new DynamoDBClient({})): Promise<void> {
  await Promise.all(
    [tables.products, tables.orders, tables.replenishment].map((TableName) => client.send(new DeleteTableCommand({ TableName }))),
  );
}
