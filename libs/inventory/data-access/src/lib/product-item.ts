import { parseProduct, type Product } from '@shop/inventory-domain';
import { ProductAttribute } from './attributes';

/** A DynamoDB item as the document client reads and writes it (native JavaScript values). */
export type Item = Record<string, unknown>;

/**
 * The Products table item of a product.
 *
 * @example
 * new PutCommand({ TableName, Item: toProductItem(product) });
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
 * The product a Products table item (or an unmarshalled stream image) holds. Attributes this
 * mapper does not know are ignored (tolerant reader); missing or ill-typed ones throw
 * `ProductValidationError` listing every problem.
 *
 * @example
 * const product = fromProductItem(unmarshall(record.dynamodb.NewImage));
 */
export function fromProductItem(item: Item): Product {
  return parseProduct({
    productId: item[ProductAttribute.ProductId],
    stock: item[ProductAttribute.Stock],
    reorderThreshold: item[ProductAttribute.ReorderThreshold],
    amountToReplenish: item[ProductAttribute.AmountToReplenish],
    ...(item[ProductAttribute.Name] !== undefined && { name: item[ProductAttribute.Name] }),
  });
}
