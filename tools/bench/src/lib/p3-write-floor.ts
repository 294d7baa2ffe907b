import { performance } from 'node:perf_hooks';
import { PutItemCommand, ScanCommand, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ProductsTable, ReplenishmentTable } from '@shop/shared-table-design';
import { mapConcurrently } from '@shop/shared-util-async';
import { BenchCorrectnessError } from './errors';
import { createTableLike, describeTables } from './p3-backlog';

/*
 * P3's write floor: what DynamoDB Local needs for the consumer's writes, sent without the consumer
 * (the drain must be measured against the raw drain plus this).
 */

/** How many of the consumer's writes the raw write floor sends at once (the consumer's own bound per invocation). */
const WRITE_CONCURRENCY = 16;
/** The replenishment order's product: the key of the table's `byProductId` index. */
const ORDER_PRODUCT_ATTRIBUTE = ReplenishmentTable.globalSecondaryIndexes[0].partitionKey.name;

/** An empty copy of `table` (same keys, indexes and stream) named `copyName`; returns its partition key's name. */
async function copyTable(ddb: DynamoDBClient, table: string, copyName: string): Promise<string> {
  const [description] = await describeTables(ddb, [table]);
  const hashKey = description?.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  if (!description || !hashKey) throw new BenchCorrectnessError('P3', `cannot describe ${table}`);
  await createTableLike(ddb, description, copyName);
  return hashKey;
}

async function scanAll(ddb: DynamoDBClient, table: string): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** How long the consumer's writes take DynamoDB Local without the consumer, two ways (ms). */
export interface WriteFloor {
  /** The consumer's own request per order: the 2-item TransactWriteItems (the order put, the product's conditional update). */
  readonly transactionsMs: number;
  /** Only the orders, put one by one (conditional): less than the consumer must write, the floor reported before the transactions. */
  readonly putsMs: number;
}

/**
 * The consumer's writes without the consumer, into copies of its two tables (same keys, indexes
 * and stream): for every replenishment order the drain wrote (those in `before` were there when it
 * started), the request the consumer sends for it — one TransactWriteItems of the order's put
 * (`attribute_not_exists` on its key) and the product's update (`onOrder` up, version up by one,
 * `lastChange` marked, if the version is still the one seen) — WRITE_CONCURRENCY at once, a
 * product's orders one after another; then, for comparison, the orders alone, put one by one into
 * another empty copy. The product copies are filled first, untimed. Values differ from the
 * consumer's (the amount added is 1) but not the requests' shape, items or sizes.
 */
export async function timeWriteFloor(ddb: DynamoDBClient, tables: { readonly replenishment: string; readonly products: string }, copyPrefix: string, before: ReadonlySet<string>): Promise<WriteFloor> {
  const orderCopy = `${copyPrefix}-orders`;
  const putsCopy = `${copyPrefix}-puts`;
  const productCopy = `${copyPrefix}-products`;
  const orderKey = await copyTable(ddb, tables.replenishment, orderCopy);
  await copyTable(ddb, tables.replenishment, putsCopy);
  const productKey = await copyTable(ddb, tables.products, productCopy);
  const orders = (await scanAll(ddb, tables.replenishment)).filter((item) => !before.has(item[orderKey]?.S ?? ''));
  const products = await scanAll(ddb, tables.products);
  await mapConcurrently(products, WRITE_CONCURRENCY, (item) => ddb.send(new PutItemCommand({ TableName: productCopy, Item: item })));
  const { onOrder, version, lastChange } = ProductsTable.replenishmentAttributes;
  const versions = new Map(products.map((item) => [item[productKey]?.S ?? '', Number(item[version]?.N ?? 0)]));
  const byProduct = new Map<string, Array<Record<string, AttributeValue>>>();
  for (const order of orders) {
    const productId = order[ORDER_PRODUCT_ATTRIBUTE]?.S;
    if (productId === undefined || !versions.has(productId)) throw new BenchCorrectnessError('P3', `replenishment order ${order[orderKey]?.S} names no product of ${tables.products}`);
    byProduct.set(productId, [...(byProduct.get(productId) ?? []), order]);
  }

  let started = performance.now();
  await mapConcurrently([...byProduct], WRITE_CONCURRENCY, async ([productId, productOrders]) => {
    for (const order of productOrders) {
      const seen = versions.get(productId) as number;
      await ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: orderCopy, Item: order, ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': orderKey } } },
            {
              Update: {
                TableName: productCopy,
                Key: { [productKey]: { S: productId } },
                UpdateExpression: 'SET #onOrder = if_not_exists(#onOrder, :zero) + :amount, #version = #version + :one, #lastChange = :mark',
                ConditionExpression: '#version = :seen',
                ExpressionAttributeNames: { '#onOrder': onOrder, '#version': version, '#lastChange': lastChange },
                ExpressionAttributeValues: { ':zero': { N: '0' }, ':amount': { N: '1' }, ':one': { N: '1' }, ':mark': { S: ProductsTable.replenishmentChangeMark }, ':seen': { N: String(seen) } },
              },
            },
          ],
        }),
      );
      versions.set(productId, seen + 1);
    }
  });
  const transactionsMs = performance.now() - started;

  started = performance.now();
  await mapConcurrently(orders, WRITE_CONCURRENCY, (item) =>
    ddb.send(new PutItemCommand({ TableName: putsCopy, Item: item, ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': orderKey } })),
  );
  return { transactionsMs, putsMs: performance.now() - started };
}
