import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  MAX_QUANTITY,
  ProductNotFoundError,
  QuantityLimitError,
  ReplenishmentAlreadyReceivedError,
  ReplenishmentNotFoundError,
  ReplenishmentNotPendingError,
  ReplenishmentStatus,
  type Page,
  type PageRequest,
  type ReplenishmentOrder,
  type ReplenishmentRepository,
  type SettledReplenishment,
} from '@shop/inventory-domain';
import {
  CancellationCode,
  decodePageToken,
  encodePageToken,
  TransactionRunner,
  type ItemCancellation,
  type TransactionRetryOptions,
} from '@shop/shared-data-access-dynamodb';
import { OPEN_REPLENISHMENTS_INDEX, ProductAttribute, REPLENISHMENT_BY_PRODUCT_INDEX, ReplenishmentAttribute } from './attributes';
import { checkPageLimit, checkProductId, checkReplenishmentId, checkTimestamp } from './input-validation';
import { DynamoProductRepository } from './dynamo-product-repository';
import { fromReplenishmentItem } from './replenishment-item';
import type { ReplenishmentTableNames } from './replenishment-table-names';
import { ProductChangeKind, productWriteStamp } from './product-write-stamp';

/** Positions of the items of the settle transaction, and so of its cancellation reasons. */
const SettleItem = { Replenishment: 0, Product: 1 } as const;

/** How an order is settled: received (the goods came) or cancelled (they will not). */
type Settlement = typeof ReplenishmentStatus.Received | typeof ReplenishmentStatus.Cancelled;

/**
 * {@link ReplenishmentRepository} on the Replenishment table (and, to settle an order, the
 * Products table).
 *
 * @example
 * const replenishments = new DynamoReplenishmentRepository(createDocumentClient(), {
 *   replenishmentTableName: config.REPLENISHMENT_TABLE_NAME,
 *   productsTableName: config.PRODUCTS_TABLE_NAME,
 * }, { onTransactionConflict: () => metrics.addMetric('TransactionConflicts', 'Count', 1) });
 * const { stock, onOrder } = await replenishments.receive(replenishmentId, new Date().toISOString());
 */
export class DynamoReplenishmentRepository implements ReplenishmentRepository {
  private readonly transactions: TransactionRunner;
  private readonly products: DynamoProductRepository;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tables: ReplenishmentTableNames,
    options: TransactionRetryOptions = {},
  ) {
    this.transactions = new TransactionRunner(documentClient, options);
    this.products = new DynamoProductRepository(documentClient, tables.productsTableName);
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

  /** The product's orders, newest first (the `byProductId` index; eventually consistent). */
  listByProduct(productId: string, page: PageRequest = {}): Promise<Page<ReplenishmentOrder>> {
    return this.query(
      {
        IndexName: REPLENISHMENT_BY_PRODUCT_INDEX,
        KeyConditionExpression: '#productId = :productId',
        ExpressionAttributeNames: { '#productId': ReplenishmentAttribute.ProductId },
        ExpressionAttributeValues: { ':productId': checkProductId(productId) },
        ScanIndexForward: false,
      },
      [ReplenishmentAttribute.ReplenishmentId, ReplenishmentAttribute.ProductId, ReplenishmentAttribute.CreatedAt],
      page,
    );
  }

  /** Every PENDING order, oldest first (the sparse `openByCreatedAt` index; eventually consistent). */
  listPending(page: PageRequest = {}): Promise<Page<ReplenishmentOrder>> {
    return this.query(
      {
        IndexName: OPEN_REPLENISHMENTS_INDEX,
        KeyConditionExpression: '#openStatus = :pending',
        ExpressionAttributeNames: { '#openStatus': ReplenishmentAttribute.OpenStatus },
        ExpressionAttributeValues: { ':pending': ReplenishmentStatus.Pending },
        ScanIndexForward: true,
      },
      [ReplenishmentAttribute.ReplenishmentId, ReplenishmentAttribute.OpenStatus, ReplenishmentAttribute.CreatedAt],
      page,
    );
  }

  /**
   * Marks a PENDING order RECEIVED, adds its amount to the product's stock and takes it off
   * `onOrder`, in one transaction, so each happens exactly once per order. An order made before
   * `onOrder` existed was never counted in it: its receipt raises the stock only. `stock` and
   * `onOrder` in the result are read right after the commit (they may include later changes).
   * @throws ReplenishmentNotFoundError, ReplenishmentNotPendingError (ReplenishmentAlreadyReceivedError),
   *   ProductNotFoundError, ReplenishmentValidationError (bad id), TimestampValidationError,
   *   QuantityLimitError (the stock would exceed MAX_QUANTITY)
   */
  receive(replenishmentId: string, receivedAt: string): Promise<SettledReplenishment> {
    return this.settle(replenishmentId, receivedAt, ReplenishmentStatus.Received);
  }

  /**
   * Marks a PENDING order CANCELLED and takes its amount off the product's `onOrder`, in one
   * transaction. The position drops: the consumer then orders again if it is below the threshold.
   * @throws like {@link DynamoReplenishmentRepository.receive}
   */
  cancel(replenishmentId: string, cancelledAt: string): Promise<SettledReplenishment> {
    return this.settle(replenishmentId, cancelledAt, ReplenishmentStatus.Cancelled);
  }

  private async query(input: Omit<QueryCommandInput, 'TableName'>, keyNames: readonly string[], page: PageRequest): Promise<Page<ReplenishmentOrder>> {
    const limit = checkPageLimit(page.limit);
    const start = page.nextToken === undefined ? undefined : decodePageToken(page.nextToken, keyNames);
    const { Items, LastEvaluatedKey } = await this.documentClient.send(
      new QueryCommand({ ...input, TableName: this.tables.replenishmentTableName, Limit: limit, ExclusiveStartKey: start }),
    );
    return { items: (Items ?? []).map(fromReplenishmentItem), ...(LastEvaluatedKey && { nextToken: encodePageToken(LastEvaluatedKey) }) };
  }

  private async settle(replenishmentId: string, at: string, settlement: Settlement): Promise<SettledReplenishment> {
    const id = checkReplenishmentId(replenishmentId);
    const when = checkTimestamp(at, settlement === ReplenishmentStatus.Received ? 'receivedAt' : 'cancelledAt');
    const order = await this.get(id);
    if (!order) throw new ReplenishmentNotFoundError(id);
    if (order.status !== ReplenishmentStatus.Pending) throw notPending(id, order.status);

    await this.transactSettle(order, when, settlement);
    const product = await this.products.get(order.productId);
    // Deleted between the commit and this read: the settlement stands, but there is no stock to report.
    if (!product) throw new ProductNotFoundError(order.productId);
    const { stock, onOrder } = product;
    const settled: ReplenishmentOrder =
      settlement === ReplenishmentStatus.Received ? { ...order, status: settlement, receivedAt: when } : { ...order, status: settlement, cancelledAt: when };
    return { replenishment: settled, stock, onOrder };
  }

  private async transactSettle(order: ReplenishmentOrder, at: string, settlement: Settlement): Promise<void> {
    const received = settlement === ReplenishmentStatus.Received;
    // Orders made before onOrder existed were never counted in it.
    const counted = order.productVersion !== undefined;
    const stamp = productWriteStamp(received ? ProductChangeKind.Receipt : ProductChangeKind.Cancellation);
    const productSets = [
      ...(received ? ['#stock = #stock + :amount'] : []),
      ...(counted ? ['#onOrder = #onOrder - :amount'] : []),
      stamp.clause,
    ];
    const command = new TransactWriteCommand({
      // One token per call, kept across our conflict retries and the SDK's own: a commit whose
      // response was lost is not applied twice. Never derived from the request (two callers in
      // the same millisecond would share it and both see success).
      ClientRequestToken: randomUUID(),
      TransactItems: [
        {
          Update: {
            TableName: this.tables.replenishmentTableName,
            Key: { [ReplenishmentAttribute.ReplenishmentId]: order.replenishmentId },
            UpdateExpression: 'SET #status = :settled, #at = :at REMOVE #openStatus',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: {
              '#status': ReplenishmentAttribute.Status,
              '#at': received ? ReplenishmentAttribute.ReceivedAt : ReplenishmentAttribute.CancelledAt,
              '#openStatus': ReplenishmentAttribute.OpenStatus,
            },
            ExpressionAttributeValues: { ':settled': settlement, ':pending': ReplenishmentStatus.Pending, ':at': at },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Update: {
            TableName: this.tables.productsTableName,
            Key: { [ProductAttribute.ProductId]: order.productId },
            UpdateExpression: `SET ${productSets.join(', ')}`,
            ConditionExpression: received ? 'attribute_exists(#productId) AND #stock <= :highestStockBefore' : 'attribute_exists(#productId)',
            ExpressionAttributeNames: {
              '#productId': ProductAttribute.ProductId,
              ...(received && { '#stock': ProductAttribute.Stock }),
              ...(counted && { '#onOrder': ProductAttribute.OnOrder }),
              ...stamp.names,
            },
            ExpressionAttributeValues: {
              ...((received || counted) && { ':amount': order.amountToReplenish }),
              ...(received && { ':highestStockBefore': MAX_QUANTITY - order.amountToReplenish }),
              ...stamp.values,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });

    const cancelled = await this.transactions.send(command);
    if (cancelled) throw settleError(order, cancelled.reasons) ?? cancelled.error;
  }
}

function notPending(replenishmentId: string, status: string): ReplenishmentNotPendingError {
  return status === ReplenishmentStatus.Received ? new ReplenishmentAlreadyReceivedError(replenishmentId) : new ReplenishmentNotPendingError(replenishmentId, status);
}

/** The domain error a cancelled settlement stands for; `undefined` when no reason explains it. */
function settleError(order: ReplenishmentOrder, reasons: readonly ItemCancellation[]): Error | undefined {
  const replenishment = reasons[SettleItem.Replenishment];
  const product = reasons[SettleItem.Product];
  if (replenishment?.code === CancellationCode.ConditionalCheckFailed) {
    if (!replenishment.oldItem) return new ReplenishmentNotFoundError(order.replenishmentId);
    return notPending(order.replenishmentId, String(replenishment.oldItem[ReplenishmentAttribute.Status]));
  }
  if (product?.code === CancellationCode.ConditionalCheckFailed) {
    if (!product.oldItem) return new ProductNotFoundError(order.productId);
    return new QuantityLimitError('stock', `Adding ${order.amountToReplenish} would exceed the largest stock, ${MAX_QUANTITY}`);
  }
  return undefined;
}
