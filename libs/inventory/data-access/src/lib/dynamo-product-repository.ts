import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseProduct, type Product, type ProductRepository, type ProductState } from '@shop/inventory-domain';
import { ProductAttribute } from './attributes';
import { checkProductId } from './input-validation';
import { fromProductItem } from './product-item';
import { ProductChangeKind, productWriteStamp } from './product-write-stamp';

const EDIT = productWriteStamp(ProductChangeKind.Edit);

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
  async get(productId: string): Promise<ProductState | undefined> {
    const { Item } = await this.documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [ProductAttribute.ProductId]: checkProductId(productId) },
        ConsistentRead: true,
      }),
    );
    return Item ? fromProductItem(Item) : undefined;
  }

  /**
   * Creates the product or updates its definition after validating it, in one UpdateItem that
   * never names `onOrder` (a replace would wipe what is on order) and raises the version. A name
   * left out is removed. An invalid product writes nothing. Returns the product as stored.
   */
  async put(product: Product): Promise<ProductState> {
    const valid = parseProduct(product);
    const named = valid.name !== undefined;
    const { Attributes } = await this.documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [ProductAttribute.ProductId]: valid.productId },
        UpdateExpression:
          `SET #stock = :stock, #reorderThreshold = :reorderThreshold, #amountToReplenish = :amountToReplenish, ${EDIT.clause}` +
          (named ? ', #name = :name' : ' REMOVE #name'),
        ExpressionAttributeNames: {
          '#stock': ProductAttribute.Stock,
          '#reorderThreshold': ProductAttribute.ReorderThreshold,
          '#amountToReplenish': ProductAttribute.AmountToReplenish,
          '#name': ProductAttribute.Name,
          ...EDIT.names,
        },
        ExpressionAttributeValues: {
          ':stock': valid.stock,
          ':reorderThreshold': valid.reorderThreshold,
          ':amountToReplenish': valid.amountToReplenish,
          ...(named && { ':name': valid.name }),
          ...EDIT.values,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromProductItem(Attributes ?? {});
  }
}
