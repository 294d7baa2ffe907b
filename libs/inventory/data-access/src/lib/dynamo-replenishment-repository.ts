import { randomUUID } from 'node:crypto';
import {
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  MAX_QUANTITY,
  ProductNotFoundError,
  ProductValidationError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentNotFoundError,
  ReplenishmentStatus,
  type CreateOnceOutcome,
  type ReceivedReplenishment,
  type ReplenishmentOrder,
  type ReplenishmentRepository,
} from '@shop/inventory-domain';
import { ProductAttribute, REPLENISHMENT_BY_PRODUCT_INDEX, ReplenishmentAttribute } from './attributes';
import { checkProductId, checkReplenishmentId, checkTimestamp } from './input-validation';
import { fromProductItem } from './product-item';
import { DynamoReplenishmentWriter } from './dynamo-replenishment-writer';
import { fromReplenishmentItem } from './replenishment-item';
import {
  CancellationCode,
  cancellationReasons,
  isOnlyTransactionConflict,
  transactionRetryPolicy,
  waitBeforeRetry,
  type ItemCancellation,
  type TransactionRetryPolicy,
} from '@shop/shared-data-access-dynamodb';

export interface ReplenishmentTableNames {
  readonly replenishmentTableName: string;
  /** `receive` adds stock to the product in the same transaction. */
  readonly productsTableName: string;
}

/**
 * {@link ReplenishmentRepository} on the Replenishment table (and, for `receive`, the Products table).
 *
 * @example
 * const replenishments = new DynamoReplenishmentRepository(createDocumentClient(), {
 *   replenishmentTableName: config.REPLENISHMENT_TABLE_NAME,
 *   productsTableName: config.PRODUCTS_TABLE_NAME,
 * });
 * const outcome = await replenishments.createOnce(order); // 'created' | 'duplicate'
 */
export class DynamoReplenishmentRepository implements ReplenishmentRepository {
  private readonly retry: TransactionRetryPolicy;
  private readonly writer: DynamoReplenishmentWriter;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tables: ReplenishmentTableNames,
    retry: Partial<TransactionRetryPolicy> = {},
  ) {
    this.retry = transactionRetryPolicy(retry);
    this.writer = new DynamoReplenishmentWriter(documentClient, tables.replenishmentTableName);
  }

  /** Writes the order unless an order with its id exists: see {@link DynamoReplenishmentWriter.createOnce}. */
  createOnce(order: ReplenishmentOrder): Promise<CreateOnceOutcome> {
    return this.writer.createOnce(order);
  }

  async get(replenishmentId: string): Promise<ReplenishmentOrder | undefined> {
    const { Item } = await this.documentClient.send(
      new GetCommand({
        TableName: this.tables.replenishmentTableName,
        Key: { [ReplenishmentAttribute.ReplenishmentId]: checkReplenishmentId(replenishmentId) },
        ConsistentRead: true,
      }),
    );
    return Item ? fromReplenishmentItem(Item) : undefined;
  }

  /** Every order of the product, newest first (the `byProductId` index; eventually consistent). */
  async listByProduct(productId: string): Promise<ReplenishmentOrder[]> {
    const pages = paginateQuery(
      { client: this.documentClient },
      {
        TableName: this.tables.replenishmentTableName,
        IndexName: REPLENISHMENT_BY_PRODUCT_INDEX,
        KeyConditionExpression: '#productId = :productId',
        ExpressionAttributeNames: { '#productId': ReplenishmentAttribute.ProductId },
        ExpressionAttributeValues: { ':productId': checkProductId(productId) },
        ScanIndexForward: false,
      },
    );
    const orders: ReplenishmentOrder[] = [];
    for await (const page of pages) orders.push(...(page.Items ?? []).map(fromReplenishmentItem));
    return orders;
  }

  /**
   * Marks a PENDING order RECEIVED and adds its amount to the product's stock in one transaction,
   * so stock is raised exactly once per order. `stock` in the result is read right after the
   * commit (strongly consistent; it may already include later changes).
   * @throws ReplenishmentNotFoundError, ReplenishmentAlreadyReceivedError, ProductNotFoundError,
   *   ProductValidationError (bad id or timestamp; or stock would exceed MAX_QUANTITY)
   */
  async receive(replenishmentId: string, receivedAt: string): Promise<ReceivedReplenishment> {
    const id = checkReplenishmentId(replenishmentId);
    const at = checkTimestamp(receivedAt, 'receivedAt');
    const order = await this.get(id);
    if (!order) throw new ReplenishmentNotFoundError(id);
    if (order.status === ReplenishmentStatus.Received) throw new ReplenishmentAlreadyReceivedError(id);

    await this.transactReceive(order, at);
    const { Item } = await this.documentClient.send(
      new GetCommand({
        TableName: this.tables.productsTableName,
        Key: { [ProductAttribute.ProductId]: order.productId },
        ConsistentRead: true,
      }),
    );
    // Deleted between the commit and this read: the receipt stands, but there is no stock to report.
    if (!Item) throw new ProductNotFoundError(order.productId);
    return {
      replenishment: { ...order, status: ReplenishmentStatus.Received, receivedAt: at },
      stock: fromProductItem(Item).stock,
    };
  }

  private async transactReceive(order: ReplenishmentOrder, receivedAt: string): Promise<void> {
    const command = new TransactWriteCommand({
      // One token per receive call, kept across our conflict retries and the SDK's own retries: a
      // commit whose response was lost is not applied twice. It must not be derived from the
      // request (two callers receiving in the same millisecond would share it and both see success).
      ClientRequestToken: randomUUID(),
      TransactItems: [
        {
          Update: {
            TableName: this.tables.replenishmentTableName,
            Key: { [ReplenishmentAttribute.ReplenishmentId]: order.replenishmentId },
            UpdateExpression: 'SET #status = :received, #receivedAt = :receivedAt',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': ReplenishmentAttribute.Status, '#receivedAt': ReplenishmentAttribute.ReceivedAt },
            ExpressionAttributeValues: {
              ':received': ReplenishmentStatus.Received,
              ':pending': ReplenishmentStatus.Pending,
              ':receivedAt': receivedAt,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Update: {
            TableName: this.tables.productsTableName,
            Key: { [ProductAttribute.ProductId]: order.productId },
            UpdateExpression: 'SET #stock = #stock + :amount',
            ConditionExpression: 'attribute_exists(#productId) AND #stock <= :highestStockBefore',
            ExpressionAttributeNames: { '#stock': ProductAttribute.Stock, '#productId': ProductAttribute.ProductId },
            ExpressionAttributeValues: { ':amount': order.amountToReplenish, ':highestStockBefore': MAX_QUANTITY - order.amountToReplenish },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });

    for (let attempt = 1; ; attempt++) {
      try {
        await this.documentClient.send(command);
        return;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (isOnlyTransactionConflict(reasons) && attempt < this.retry.maxAttempts) {
          await waitBeforeRetry(attempt, this.retry);
          continue;
        }
        throw receiveError(order, reasons) ?? error;
      }
    }
  }
}

/** The domain error a cancelled receive stands for; `undefined` when no reason explains it. */
function receiveError(order: ReplenishmentOrder, [replenishment, product]: ItemCancellation[]): Error | undefined {
  if (replenishment?.code === CancellationCode.ConditionalCheckFailed) {
    if (!replenishment.oldItem) return new ReplenishmentNotFoundError(order.replenishmentId);
    if (replenishment.oldItem[ReplenishmentAttribute.Status] === ReplenishmentStatus.Received) {
      return new ReplenishmentAlreadyReceivedError(order.replenishmentId);
    }
  }
  if (product?.code === CancellationCode.ConditionalCheckFailed) {
    if (!product.oldItem) return new ProductNotFoundError(order.productId);
    return new ProductValidationError([
      { path: 'stock', message: `adding ${order.amountToReplenish} would exceed the largest stock, ${MAX_QUANTITY}` },
    ]);
  }
  return undefined;
}
