import { IdempotentParameterMismatchException, TransactionInProgressException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProductNotFoundError } from '@shop/inventory-domain';
import { ProductAttribute, ProductChangeKind, productWriteStamp } from '@shop/inventory-data-access';
import {
  InsufficientStockError,
  orderIdSchema,
  OrderValidationError,
  parseOrder,
  TransactionConflictError,
  type Order,
  type OrderPlacement,
  type OrderRepository,
  type PlacementOutcome,
} from '@shop/orders-domain';
import { OrderAttribute } from './attributes';
import { fromOrderItem, toOrderItem, type StoredOrder } from './order-item';
import {
  CancellationCode,
  cancellationReasons,
  isOnlyTransactionConflict,
  TransactionRunner,
  type ItemCancellation,
  type TransactionAttempt,
  type TransactionRetryOptions,
} from '@shop/shared-data-access-dynamodb';

export interface OrderTableNames {
  readonly ordersTableName: string;
  /** Placing an order decrements the product's stock in the same transaction. */
  readonly productsTableName: string;
}

/** How the order transaction is retried: see {@link TransactionRetryOptions}. */
export type DynamoOrderRepositoryOptions = TransactionRetryOptions;

/** Positions of the items of the order transaction, and so of its cancellation reasons. */
const PlacementItem = { Product: 0, Order: 1 } as const;

/** A sale takes stock: the product's version goes up and its item says a sale changed it last. */
const SALE = productWriteStamp(ProductChangeKind.Sale);

/** What one attempt of the order transaction came to: an outcome, or a lost race to try again. */
type AttemptResult = TransactionAttempt<PlacementOutcome>;

/**
 * {@link OrderRepository} on the Orders table; placing an order also decrements stock on the
 * Products table, in one TransactWriteItems:
 * - Update product `SET stock = stock - :q` (and the version, with `lastChange = sale`) if
 *   `attribute_exists(productId) AND stock >= :q`;
 * - Put order if `attribute_not_exists(orderId)`.
 *
 * Cancellation reasons decide the outcome: the order item existing means an earlier placement
 * with the same id (a replay, or a reused Idempotency-Key); the product failing means it is
 * missing (404) or short (409); only TransactionConflict/None means a lost race, retried by the
 * shared `TransactionRunner` (jittered backoff, bounded by attempts and time), and then
 * `TransactionConflictError`.
 *
 * @example
 * const orders = new DynamoOrderRepository(createDocumentClient(), {
 *   ordersTableName: config.ORDERS_TABLE_NAME,
 *   productsTableName: config.PRODUCTS_TABLE_NAME,
 * });
 * const outcome = await orders.place(placement); // { status: 'placed' | 'exists', order, … }
 */
export class DynamoOrderRepository implements OrderRepository {
  private readonly transactions: TransactionRunner;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tables: OrderTableNames,
    options: DynamoOrderRepositoryOptions = {},
  ) {
    this.transactions = new TransactionRunner(documentClient, options);
  }

  async place(placement: OrderPlacement): Promise<PlacementOutcome> {
    // Validate before anything is sent: bad input is a typed error and writes nothing.
    const valid = checkPlacement(placement);
    return this.transactions.run(
      () => this.attempt(valid),
      (attempts, cause) => new TransactionConflictError(valid.order.productId, attempts, { cause }),
    );
  }

  /** The order, or `undefined` when there is none (also for an id that is not an order id). */
  async get(orderId: string): Promise<Order | undefined> {
    return (await this.getStored(orderId))?.order;
  }

  private async getStored(orderId: string): Promise<StoredOrder | undefined> {
    if (!orderIdSchema.safeParse(orderId).success) return undefined;
    const { Item } = await this.documentClient.send(
      new GetCommand({ TableName: this.tables.ordersTableName, Key: { [OrderAttribute.OrderId]: orderId }, ConsistentRead: true }),
    );
    return Item ? fromOrderItem(Item) : undefined;
  }

  private async attempt(placement: OrderPlacement): Promise<AttemptResult> {
    const { order } = placement;
    try {
      await this.documentClient.send(this.transaction(placement));
      return { settled: { status: 'placed', order } };
    } catch (error) {
      // The token was used within DynamoDB's 10-minute window for a request with other
      // parameters (every placement has its own createdAt): the stored order decides.
      if (error instanceof IdempotentParameterMismatchException) return this.existingOrConflict(order.orderId, error);
      // A request with the same token is still running: retry, and it will have settled.
      if (error instanceof TransactionInProgressException) return { lostRace: error };
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      return this.outcomeOfCancellation(order, reasons, error);
    }
  }

  private async outcomeOfCancellation(order: Order, reasons: ItemCancellation[], error: unknown): Promise<AttemptResult> {
    const product = reasons[PlacementItem.Product];
    const orderItem = reasons[PlacementItem.Order];
    // The order check comes first: a replay must find its order even when stock has run out since.
    if (orderItem?.code === CancellationCode.ConditionalCheckFailed) {
      if (orderItem.oldItem) return { settled: { status: 'exists', ...fromOrderItem(orderItem.oldItem) } };
      return this.existingOrConflict(order.orderId, error);
    }
    if (product?.code === CancellationCode.ConditionalCheckFailed) {
      if (!product.oldItem) throw new ProductNotFoundError(order.productId);
      const stock = product.oldItem[ProductAttribute.Stock];
      throw new InsufficientStockError(order.productId, order.quantity, typeof stock === 'number' ? stock : undefined);
    }
    if (isOnlyTransactionConflict(reasons)) return { lostRace: error };
    throw error;
  }

  private async existingOrConflict(orderId: string, cause: unknown): Promise<AttemptResult> {
    const stored = await this.getStored(orderId);
    return stored ? { settled: { status: 'exists', ...stored } } : { lostRace: cause };
  }

  private transaction(placement: OrderPlacement): TransactWriteCommand {
    const { order } = placement;
    return new TransactWriteCommand({
      // The same token on every attempt and on the SDK's own retries: a commit whose response
      // was lost is not applied twice.
      ClientRequestToken: placement.clientRequestToken,
      TransactItems: [
        {
          Update: {
            TableName: this.tables.productsTableName,
            Key: { [ProductAttribute.ProductId]: order.productId },
            UpdateExpression: `SET #stock = #stock - :quantity, ${SALE.clause}`,
            ConditionExpression: 'attribute_exists(#productId) AND #stock >= :quantity',
            ExpressionAttributeNames: { '#stock': ProductAttribute.Stock, '#productId': ProductAttribute.ProductId, ...SALE.names },
            ExpressionAttributeValues: { ':quantity': order.quantity, ...SALE.values },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: this.tables.ordersTableName,
            Item: toOrderItem(placement),
            ConditionExpression: 'attribute_not_exists(#orderId)',
            ExpressionAttributeNames: { '#orderId': OrderAttribute.OrderId },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });
  }
}

/** The placement, validated: a bad order, token or fingerprint is a typed error and writes nothing. */
function checkPlacement(placement: OrderPlacement): OrderPlacement {
  const order = parseOrder(placement.order);
  const issues = [
    ...(/^[\x21-\x7e]{1,36}$/.test(placement.clientRequestToken) ? [] : [{ path: 'clientRequestToken', message: 'must be 1-36 printable ASCII characters' }]),
    ...(placement.requestFingerprint.length > 0 ? [] : [{ path: 'requestFingerprint', message: 'must not be empty' }]),
  ];
  if (issues.length > 0) throw new OrderValidationError(issues, 'order placement');
  return { ...placement, order };
}
