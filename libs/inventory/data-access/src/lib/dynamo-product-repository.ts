import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseProduct, type Product, type ProductRepository } from '@shop/inventory-domain';
import { ProductAttribute } from './attributes';
import { checkProductId } from './input-validation';
import { fromProductItem, toProductItem } from './product-item';

/**
 * {@link ProductRepository} on the Products table. Reads are strongly consistent: the API reads
 * a product right after changing its stock.
 *
 * @example
 * const products = new DynamoProductRepository(createDocumentClient(), config.PRODUCTS_TABLE_NAME);
 * await products.put({ productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30 });
 */
export class DynamoProductRepository implements ProductRepository {
  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The product, or `undefined` when there is none. Throws `ProductValidationError` on a malformed id or item. */
  async get(productId: string): Promise<Product | undefined> {
    const { Item } = await this.documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [ProductAttribute.ProductId]: checkProductId(productId) },
        ConsistentRead: true,
      }),
    );
    return Item ? fromProductItem(Item) : undefined;
  }

  /** Creates or replaces the product after validating it; an invalid product writes nothing. */
  async put(product: Product): Promise<Product> {
    const valid = parseProduct(product);
    await this.documentClient.send(new PutCommand({ TableName: this.tableName, Item: toProductItem(valid) }));
    return valid;
  }
}
