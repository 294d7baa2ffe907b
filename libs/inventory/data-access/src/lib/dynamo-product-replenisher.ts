import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  parseReplenishmentOrder,
  ReplenishmentIdCollisionError,
  type OrderOnceOutcome,
  type ProductReplenisher,
  type ReplenishmentOrder,
} from '@shop/inventory-domain';
import { CancellationCode, TransactionRunner, type TransactionRetryOptions } from '@shop/shared-data-access-dynamodb';
import { ProductAttribute, ReplenishmentAttribute } from './attributes';
import type { ReplenishmentTableNames } from './replenishment-table-names';
import { ProductChangeKind, productWriteStamp } from './product-write-stamp';
import { toReplenishmentItem } from './replenishment-item';

/** Positions of the items of the order transaction, and so of its cancellation reasons. */
const OrderItem = { Replenishment: 0, Product: 1 } as const;

const REPLENISHMENT_ORDER = productWriteStamp(ProductChangeKind.ReplenishmentOrder);

/**
 * {@link ProductReplenisher} on DynamoDB: one TransactWriteItems per order, and no other request.
 * Its product update names only the key, `onOrder`, `version` and `lastChange` (all the consumer's
 * role may name: `ProductsTable.replenishmentAttributes`):
 * - Put the order if `attribute_not_exists(replenishmentId)`;
 * - Update the product `SET onOrder = onOrder + :amount`, raise its version and mark it
 *   `lastChange = replenishment-order` (the stream mapping drops that record), if its version is
 *   still the one the decision was made from.
 *
 * Either condition failing means someone else decided from that state or the product moved on:
 * 'superseded', nothing written. An existing order while the product has not moved on can only be
 * an id reused by a re-created product: {@link ReplenishmentIdCollisionError}. A transaction
 * cancelled only by TransactionConflict is retried with jittered backoff (the same token).
 *
 * @example
 * const replenisher = new DynamoProductReplenisher(createDocumentClient(), { replenishmentTableName, productsTableName });
 * await replenisher.orderOnce({ ...order, productVersion: 7 }); // 'created' or 'superseded'
 */
export class DynamoProductReplenisher implements ProductReplenisher {
  private readonly transactions: TransactionRunner;

  constructor(
    documentClient: DynamoDBDocumentClient,
    private readonly tables: ReplenishmentTableNames,
    options: TransactionRetryOptions = {},
  ) {
    this.transactions = new TransactionRunner(documentClient, options);
  }

  async orderOnce(order: ReplenishmentOrder & { readonly productVersion: number }): Promise<OrderOnceOutcome> {
    const valid = parseReplenishmentOrder(order);
    const cancelled = await this.transactions.send(this.transaction(valid, order.productVersion));
    if (!cancelled) return 'created';
    if (cancelled.reasons[OrderItem.Product]?.code === CancellationCode.ConditionalCheckFailed) return 'superseded';
    if (cancelled.reasons[OrderItem.Replenishment]?.code === CancellationCode.ConditionalCheckFailed) {
      throw new ReplenishmentIdCollisionError(valid.replenishmentId, valid.productId, order.productVersion);
    }
    throw cancelled.error;
  }

  private transaction(order: ReplenishmentOrder, seenVersion: number): TransactWriteCommand {
    // An item written before versions existed has none: version 0 means "still has none".
    const unchanged = seenVersion === 0 ? 'attribute_exists(#productId) AND attribute_not_exists(#version)' : '#version = :seenVersion';
    return new TransactWriteCommand({
      // One token per decision, kept across retries: a commit whose response was lost is not applied twice.
      ClientRequestToken: randomUUID(),
      TransactItems: [
        {
          Put: {
            TableName: this.tables.replenishmentTableName,
            Item: toReplenishmentItem(order),
            ConditionExpression: 'attribute_not_exists(#replenishmentId)',
            ExpressionAttributeNames: { '#replenishmentId': ReplenishmentAttribute.ReplenishmentId },
          },
        },
        {
          Update: {
            TableName: this.tables.productsTableName,
            Key: { [ProductAttribute.ProductId]: order.productId },
            UpdateExpression: `SET #onOrder = if_not_exists(#onOrder, :none) + :amount, ${REPLENISHMENT_ORDER.clause}`,
            ConditionExpression: unchanged,
            ExpressionAttributeNames: {
              '#onOrder': ProductAttribute.OnOrder,
              ...REPLENISHMENT_ORDER.names,
              ...(seenVersion === 0 && { '#productId': ProductAttribute.ProductId }),
            },
            ExpressionAttributeValues: {
              ':none': 0,
              ':amount': order.amountToReplenish,
              ...REPLENISHMENT_ORDER.values,
              ...(seenVersion !== 0 && { ':seenVersion': seenVersion }),
            },
          },
        },
      ],
    });
  }
}
