import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TableDescription,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { ProductsTable } from '@shop/shared-table-design';
import { mapConcurrently } from '@shop/shared-util-async';
import { BenchCorrectnessError } from './errors';
import { JsonClient } from './http-client';
import type { P3Options } from './p3-types';
import { authorization, startBenchStack } from './bench-stack';

/**
 * P3's backlog: products × versions Products changes written straight to DynamoDB Local, each
 * product falling below its threshold once (or never, with a low threshold).
 */
const TEMPLATE = { stock: 7_770_001, reorderThreshold: 7_770_002, amountToReplenish: 7_770_003 } as const;
const START_STOCK = 60;
const DEFAULT_THRESHOLD = 20;

/**
 * A product item as the orders API writes it, and which of its attributes hold stock and
 * threshold: learnt from one product put through the API with unmistakable numbers, so the
 * benchmark writes real product items without spelling the data-access lib's attribute names.
 */
export async function learnProductItem(
  dynamodbEndpoint: string,
  ddb: DynamoDBClient,
): Promise<{ table: string; replenishmentTable: string; item: Record<string, AttributeValue>; stock: string; threshold: string }> {
  const stack = await startBenchStack({ dynamodbEndpoint, iam: 'off' });
  const client = new JsonClient(stack.endpoints.apiUrl, 1, await authorization(stack.endpoints));
  const productId = 'bench-p3#template';
  // StackProcess checked that stack.json names the three tables.
  const table = stack.endpoints.tables.products;
  const replenishmentTable = stack.endpoints.tables.replenishment;
  try {
    const put = await client.send('PUT', `/products/${encodeURIComponent(productId)}`, TEMPLATE);
    if (put.status !== 200) throw new BenchCorrectnessError('P3', `PUT template answered ${put.status}`);
  } finally {
    client.close();
    await stack.stop();
  }
  const { Item: item } = await ddb.send(new GetItemCommand({ TableName: table, Key: { [ProductsTable.partitionKey.name]: { S: productId } }, ConsistentRead: true }));
  const attributeHolding = (value: number): string => {
    const found = Object.entries(item ?? {}).find(([, v]) => v.N === String(value));
    if (!found) throw new BenchCorrectnessError('P3', `no attribute of the stored product holds ${value}: ${JSON.stringify(item)}`);
    return found[0];
  };
  return { table, replenishmentTable, item: item ?? {}, stock: attributeHolding(TEMPLATE.stock), threshold: attributeHolding(TEMPLATE.reorderThreshold) };
}

/** Writes products × versions records to the Products stream (25 items per BatchWriteItem, versions in order). */
export async function writeBacklog(ddb: DynamoDBClient, table: string, options: P3Options, template: Awaited<ReturnType<typeof learnProductItem>>): Promise<number> {
  const ids = Array.from({ length: options.products }, (_, i) => `bench-p3#${i}`);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  let shortfalls = 0;
  for (let version = 0; version < options.versions; version++) {
    const stock = START_STOCK - version;
    if (stock === threshold - 1) shortfalls += ids.length;
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < ids.length; i += 25) {
      batches.push(ids.slice(i, i + 25).map((id) => ({
        PutRequest: { Item: { ...template.item, [ProductsTable.partitionKey.name]: { S: id }, [template.stock]: { N: String(stock) }, [template.threshold]: { N: String(threshold) } } },
      })));
    }
    await mapConcurrently(batches, 4, async (requests) => {
      let pending: WriteRequest[] = requests;
      while (pending.length > 0) {
        const { UnprocessedItems } = await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = UnprocessedItems?.[table] ?? [];
      }
    });
  }
  return shortfalls;
}


/** The tables' own definitions, to create them again in another DynamoDB Local. */
export async function describeTables(ddb: DynamoDBClient, tables: readonly string[]): Promise<TableDescription[]> {
  return Promise.all(
    tables.map(async (table) => {
      const { Table: description } = await ddb.send(new DescribeTableCommand({ TableName: table }));
      if (!description?.KeySchema) throw new BenchCorrectnessError('P3', `cannot describe ${table}`);
      return description;
    }),
  );
}

/** Creates the described tables (keys, indexes, stream) in an empty DynamoDB Local. */
export async function createTables(ddb: DynamoDBClient, descriptions: readonly TableDescription[]): Promise<void> {
  for (const description of descriptions) await createTableLike(ddb, description);
}

/** Creates a table with the described keys, indexes and stream, named `tableName` (default: the described table's name). */
export async function createTableLike(ddb: DynamoDBClient, description: TableDescription, tableName = description.TableName): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: description.AttributeDefinitions,
      KeySchema: description.KeySchema,
      ...(description.GlobalSecondaryIndexes && {
        GlobalSecondaryIndexes: description.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
      }),
      ...(description.StreamSpecification?.StreamEnabled && { StreamSpecification: description.StreamSpecification }),
    }),
  );
}
