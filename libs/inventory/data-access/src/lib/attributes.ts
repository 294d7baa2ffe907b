import { ProductsTable, ReplenishmentTable } from '@shop/shared-table-design';

/**
 * Attribute names of a product item in the Products table. Key names come from the shared table
 * design; together with the mappers this is the only place the names are spelled.
 *
 * @example
 * new GetCommand({ TableName, Key: { [ProductAttribute.ProductId]: 'p#1234' } });
 */
export const ProductAttribute = {
  ProductId: ProductsTable.partitionKey.name,
  Stock: 'stock',
  ReorderThreshold: 'reorderThreshold',
  AmountToReplenish: 'amountToReplenish',
  Name: 'name',
} as const;
export type ProductAttribute = (typeof ProductAttribute)[keyof typeof ProductAttribute];

const [byProductId] = ReplenishmentTable.globalSecondaryIndexes;

/**
 * Attribute names of a replenishment item in the Replenishment table. The partition key and the
 * `byProductId` index keys come from the shared table design.
 */
export const ReplenishmentAttribute = {
  ReplenishmentId: ReplenishmentTable.partitionKey.name,
  ProductId: byProductId.partitionKey.name,
  CreatedAt: byProductId.sortKey.name,
  AmountToReplenish: 'amountToReplenish',
  Status: 'status',
  ReceivedAt: 'receivedAt',
  SourceEventId: 'sourceEventId',
  SourceSequenceNumber: 'sourceSequenceNumber',
} as const;
export type ReplenishmentAttribute = (typeof ReplenishmentAttribute)[keyof typeof ReplenishmentAttribute];

/** The Replenishment table's index that lists a product's orders by `createdAt`. */
export const REPLENISHMENT_BY_PRODUCT_INDEX = byProductId.indexName;
