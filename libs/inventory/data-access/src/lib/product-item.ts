import { parseProductState, type Product, type ProductState } from '@shop/inventory-domain';
import { ProductAttribute } from './attributes';

/** A DynamoDB item as the document client reads and writes it (native JavaScript values). */
export type Item = Record<string, unknown>;

/**
 * The attributes of a product's definition (what a back-office edit sets) as a Products table
 * item: never `onOrder` or `version`, which the writers maintain with update expressions.
 *
 * @example
 * toProductItem(product); // { productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30 }
 */
export function toProductItem(product: Product): Item {
  return {
    [ProductAttribute.ProductId]: product.productId,
    [ProductAttribute.Stock]: product.stock,
    [ProductAttribute.ReorderThreshold]: product.reorderThreshold,
    [ProductAttribute.AmountToReplenish]: product.amountToReplenish,
    ...(product.name !== undefined && { [ProductAttribute.Name]: product.name }),
  };
}

/**
 * The product a Products table item (or an unmarshalled stream image) holds. An item written
 * before `onOrder` and `version` existed reads them as 0. Attributes this mapper does not know are
 * ignored (tolerant reader); missing or ill-typed ones throw `ProductValidationError` listing every
 * problem.
 *
 * @example
 * const product = fromProductItem(unmarshall(record.dynamodb.NewImage));
 */
export function fromProductItem(item: Item): ProductState {
  return parseProductState({
    productId: item[ProductAttribute.ProductId],
    stock: item[ProductAttribute.Stock],
    reorderThreshold: item[ProductAttribute.ReorderThreshold],
    amountToReplenish: item[ProductAttribute.AmountToReplenish],
    onOrder: item[ProductAttribute.OnOrder] ?? 0,
    version: item[ProductAttribute.Version] ?? 0,
    ...(item[ProductAttribute.Name] !== undefined && { name: item[ProductAttribute.Name] }),
  });
}
