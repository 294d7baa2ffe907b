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
  /** Sum of the PENDING replenishment amounts; written only by the replenishment process. */
  OnOrder: ProductsTable.replenishmentAttributes.onOrder,
  /** Raised by one on every write of the product. */
  Version: ProductsTable.replenishmentAttributes.version,
  /** The kind of the last write (`ProductChangeKind`), set by every writer with the version. */
  LastChange: ProductsTable.replenishmentAttributes.lastChange,
} as const;
export type ProductAttribute = (typeof ProductAttribute)[keyof typeof ProductAttribute];

const [byProductId, openByCreatedAt] = ReplenishmentTable.globalSecondaryIndexes;

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
  CancelledAt: 'cancelledAt',
  ProductVersion: 'productVersion',
  /** Set (to PENDING) only while the order is open: the key of the sparse `openByCreatedAt` index. */
  OpenStatus: openByCreatedAt.partitionKey.name,
} as const;
export type ReplenishmentAttribute = (typeof ReplenishmentAttribute)[keyof typeof ReplenishmentAttribute];

/** The Replenishment table's index that lists a product's orders by `createdAt`. */
export const REPLENISHMENT_BY_PRODUCT_INDEX = byProductId.indexName;

/** The Replenishment table's sparse index of open (PENDING) orders, by `createdAt`. */
export const OPEN_REPLENISHMENTS_INDEX = openByCreatedAt.indexName;
