/**
 * The physical design of the three DynamoDB tables: keys, indexes, streams and the environment
 * variables that carry their names. This is the one place these facts are written:
 * - infra/ builds the `aws_dynamodb_table` resources (and the Lambda environments) from it;
 * - the data-access libs use its key and index names in their mappers and queries;
 * - integration tests create tables from it, and the local stack reads the synthesized Terraform
 *   that infra derived from it.
 */

export const AttributeType = { String: 'S', Number: 'N', Binary: 'B' } as const;
export type AttributeType = (typeof AttributeType)[keyof typeof AttributeType];

export const StreamViewType = {
  NewAndOldImages: 'NEW_AND_OLD_IMAGES',
  NewImage: 'NEW_IMAGE',
  OldImage: 'OLD_IMAGE',
  KeysOnly: 'KEYS_ONLY',
} as const;
export type StreamViewType = (typeof StreamViewType)[keyof typeof StreamViewType];

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface GlobalSecondaryIndexDesign {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** ALL keeps queries on the index free of a second read. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDesign {
  /** Logical id, stable across stages (`products`); the physical name adds a stage prefix. */
  readonly id: 'products' | 'orders' | 'replenishment';
  /** Suffix of the physical table name: `${prefix}-${baseName}`. */
  readonly baseName: string;
  /** The Lambda environment variable that carries the physical name. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexDesign[];
  readonly stream?: StreamViewType;
  /**
   * Non-key attributes the replenishment process maintains on this table's items. With the
   * partition key they are all the stream consumer's role may name in an update
   * (`dynamodb:Attributes`), so the data-access mappers and infra's policy read them from here.
   */
  readonly replenishmentAttributes?: Readonly<Record<string, string>>;
  /**
   * The value the replenishment process writes to its `lastChange` attribute (one of
   * `replenishmentAttributes`): the stream mapping's filter drops the records of these writes, which
   * can never call for an order.
   */
  readonly replenishmentChangeMark?: string;
}

export const ProductsTable = {
  id: 'products',
  baseName: 'products',
  envVar: 'PRODUCTS_TABLE_NAME',
  partitionKey: { name: 'productId', type: AttributeType.String },
  globalSecondaryIndexes: [],
  // The stream sits on the table that holds the stock: that is where a shortfall shows.
  stream: StreamViewType.NewAndOldImages,
  // What is on order (sum of PENDING amounts), the write counter decisions are conditioned on, and
  // the kind of the last change (every writer sets it; the consumer's own is filtered out).
  replenishmentAttributes: { onOrder: 'onOrder', version: 'version', lastChange: 'lastChange' },
  replenishmentChangeMark: 'replenishment-order',
} as const satisfies TableDesign;

const CHANGES = ['INSERT', 'MODIFY'];
const { lastChange } = ProductsTable.replenishmentAttributes;

/**
 * The Products stream records the replenishment consumer is given: its event source mapping's
 * filter patterns (Lambda keeps a record that matches any of them; infra synthesizes these, the
 * consumer's property test applies them). Inserts and modifications only (a REMOVE cannot take
 * stock below a threshold), except the consumer's own writes: after its `onOrder` raise the
 * position is covered by construction, so those records could never lead to an order and would
 * only invoke it once more per order. `anything-but` does not match a missing attribute, so the
 * second pattern keeps items that carry no `lastChange` at all (written by hand, or by a writer
 * that predates it). Leaves are typed (`{ S: … }`): images arrive in attribute-value form.
 */
export const REPLENISHMENT_STREAM_FILTERS: readonly string[] = [
  JSON.stringify({ eventName: CHANGES, dynamodb: { NewImage: { [lastChange]: { S: [{ 'anything-but': [ProductsTable.replenishmentChangeMark] }] } } } }),
  JSON.stringify({ eventName: CHANGES, dynamodb: { NewImage: { [lastChange]: { S: [{ exists: false }] } } } }),
];

export const OrdersTable = {
  id: 'orders',
  baseName: 'orders',
  envVar: 'ORDERS_TABLE_NAME',
  partitionKey: { name: 'orderId', type: AttributeType.String },
  globalSecondaryIndexes: [],
} as const satisfies TableDesign;

export const ReplenishmentTable = {
  id: 'replenishment',
  baseName: 'replenishment',
  envVar: 'REPLENISHMENT_TABLE_NAME',
  partitionKey: { name: 'replenishmentId', type: AttributeType.String },
  globalSecondaryIndexes: [
    {
      indexName: 'byProductId',
      partitionKey: { name: 'productId', type: AttributeType.String },
      sortKey: { name: 'createdAt', type: AttributeType.String },
      projection: 'ALL',
    },
    {
      // Sparse: only open (PENDING) orders carry `openStatus`, so the index holds what is on its
      // way and nothing else, oldest first. One partition value: fine for the few hundred orders a
      // shop has open at once; shard the value (PENDING#0..n) if that grows past one partition.
      indexName: 'openByCreatedAt',
      partitionKey: { name: 'openStatus', type: AttributeType.String },
      sortKey: { name: 'createdAt', type: AttributeType.String },
      projection: 'ALL',
    },
  ],
} as const satisfies TableDesign;

export const TABLES = [ProductsTable, OrdersTable, ReplenishmentTable] as const satisfies readonly TableDesign[];

/** Physical table name for a stage prefix, e.g. `shop-dev-products`. */
export function physicalTableName(prefix: string, table: Pick<TableDesign, 'baseName'>): string {
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(prefix)) {
    throw new RangeError(`Invalid table name prefix "${prefix}": use 1-200 of [A-Za-z0-9_.-]`);
  }
  return `${prefix}-${table.baseName}`;
}

/** Every key attribute a table declares (table keys and index keys), without duplicates. */
export function keyAttributes(table: TableDesign): KeyAttribute[] {
  const all = [
    table.partitionKey,
    ...(table.sortKey ? [table.sortKey] : []),
    ...table.globalSecondaryIndexes.flatMap((gsi) => [gsi.partitionKey, ...(gsi.sortKey ? [gsi.sortKey] : [])]),
  ];
  const byName = new Map<string, KeyAttribute>();
  for (const attribute of all) {
    const seen = byName.get(attribute.name);
    if (seen && seen.type !== attribute.type) {
      throw new Error(`Key attribute ${attribute.name} of table ${table.id} is declared as ${seen.type} and ${attribute.type}`);
    }
    byName.set(attribute.name, attribute);
  }
  return [...byName.values()];
}
