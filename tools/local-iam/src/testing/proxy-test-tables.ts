/**
 * The harness of local-iam's integration tests: the three shop tables in DynamoDB Local, derived
 * from the table design as the local stack provisions them from the synth, under a fresh prefix so
 * test files never share a table.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { physicalTableName, TABLES, type TableDesign } from '@shop/shared-table-design';
import { createTableInput } from '@shop/shared-table-design/testing';
import type { IamProxyLogger } from '../lib/logger';

export interface ProxyTestTables {
  /** Physical names: `<label>-<8 hex>-products`, ... */
  readonly names: Readonly<Record<TableDesign['id'], string>>;
  /** The Products stream's ARN as DynamoDB Local writes it (region `ddblocal`). */
  readonly localStreamArn: string;
  /** Its label (the part after `/stream/`), to build the ARN AWS would write. */
  readonly streamLabel: string;
  /** Deletes the three tables. */
  delete(): Promise<void>;
}

/**
 * Creates the three tables through `direct` (a client on DynamoDB Local itself, not a proxy).
 *
 * @example
 * const tables = await createProxyTestTables(direct, 'iam');
 * // ... tables.names.replenishment, tables.localStreamArn
 * await tables.delete();
 */
export async function createProxyTestTables(direct: DynamoDBClient, label: string): Promise<ProxyTestTables> {
  const prefix = `${label}-${randomUUID().slice(0, 8)}`;
  const names = Object.fromEntries(TABLES.map((table) => [table.id, physicalTableName(prefix, table)])) as Record<TableDesign['id'], string>;
  await Promise.all(TABLES.map((table) => direct.send(new CreateTableCommand(createTableInput(table, names[table.id])))));
  const products = (await direct.send(new DescribeTableCommand({ TableName: names.products }))).Table;
  return {
    names,
    localStreamArn: products?.LatestStreamArn as string,
    streamLabel: products?.LatestStreamLabel as string,
    delete: async () => {
      await Promise.all(Object.values(names).map((TableName) => direct.send(new DeleteTableCommand({ TableName }))));
    },
  };
}

/** A logger whose calls a test can read, printing nothing. */
export const recordingLogger = (): jest.Mocked<IamProxyLogger> => ({ info: jest.fn(), warn: jest.fn(), error: jest.fn() });
