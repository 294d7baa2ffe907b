/**
 * Test helpers for integration tests against DynamoDB Local (started by the Jest global setup in
 * tools/dynamodb-local). Not part of the production entry point.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, physicalTableName, TABLES, type TableDesign } from '@shop/shared-table-design';

export interface TestTables {
  readonly prefix: string;
  readonly products: string;
  readonly orders: string;
  readonly replenishment: string;
  /** The three env vars (PRODUCTS_TABLE_NAME, …) pointing at these tables. */
  readonly env: Record<string, string>;
}

/** CreateTable input derived from the shared table design (the same facts infra synthesizes). */
export function createTableInput(table: TableDesign, tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes(table).map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(table.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey.name, KeyType: 'HASH' as const },
          ...(gsi.sortKey ? [{ AttributeName: gsi.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        Projection: { ProjectionType: gsi.projection },
      })),
    }),
    ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
  };
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
