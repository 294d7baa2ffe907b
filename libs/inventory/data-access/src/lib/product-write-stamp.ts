import { ProductsTable } from '@shop/shared-table-design';
import { ProductAttribute } from './attributes';

/**
 * The kinds of change a product item records in `lastChange`. The replenishment order's value comes
 * from the table design, since the stream mapping's filter (in infra) drops the records it marks.
 */
export const ProductChangeKind = {
  /** An order placed through the API took stock. */
  Sale: 'sale',
  /** A back-office edit (`PUT /products`). */
  Edit: 'edit',
  /** A replenishment arrived: stock up, on order down. */
  Receipt: 'receipt',
  /** A replenishment will not arrive: on order down. */
  Cancellation: 'cancellation',
  /** The replenishment consumer raised `onOrder`: its record can never call for an order. */
  ReplenishmentOrder: ProductsTable.replenishmentChangeMark,
} as const;
export type ProductChangeKind = (typeof ProductChangeKind)[keyof typeof ProductChangeKind];

/** An update clause for a `SET` with the names and values it uses. */
export interface ProductWriteStamp {
  readonly clause: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * The clause every writer of a product adds to its `SET`: the product's version goes up by one
 * (from 0 for an item written before versions existed), and `lastChange` says what kind of change
 * this was. A replenishment decision holds only while the version it was made from is current, so
 * a write that skipped the bump could slip under one; and a write that skipped the mark would keep
 * the previous one, so a write after the consumer's could be filtered out of the stream with it.
 *
 * @example
 * const stamp = productWriteStamp(ProductChangeKind.Sale);
 * new UpdateCommand({
 *   UpdateExpression: `SET #stock = #stock - :quantity, ${stamp.clause}`,
 *   ExpressionAttributeNames: { '#stock': ProductAttribute.Stock, ...stamp.names },
 *   ExpressionAttributeValues: { ':quantity': 2, ...stamp.values },
 * });
 */
export function productWriteStamp(kind: ProductChangeKind): ProductWriteStamp {
  return {
    clause: '#version = if_not_exists(#version, :versionZero) + :versionStep, #lastChange = :lastChange',
    names: { '#version': ProductAttribute.Version, '#lastChange': ProductAttribute.LastChange },
    values: { ':versionZero': 0, ':versionStep': 1, ':lastChange': kind },
  };
}
