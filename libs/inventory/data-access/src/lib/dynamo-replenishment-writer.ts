import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseReplenishmentOrder, type CreateOnceOutcome, type ReplenishmentOrder, type ReplenishmentWriter } from '@shop/inventory-domain';
import { ReplenishmentAttribute } from './attributes';
import { toReplenishmentItem } from './replenishment-item';

/**
 * {@link ReplenishmentWriter} on the Replenishment table: a conditional put and nothing else, so
 * the stream consumer needs only `dynamodb:PutItem` on that one table.
 *
 * @example
 * const writer = new DynamoReplenishmentWriter(createDocumentClient(), config.REPLENISHMENT_TABLE_NAME);
 * await writer.createOnce(order); // 'created', or 'duplicate' when an order with that id exists
 */
export class DynamoReplenishmentWriter implements ReplenishmentWriter {
  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly replenishmentTableName: string,
  ) {}

  /**
   * Writes the order unless an order with its id exists. The id is deterministic per stream
   * record, so 'duplicate' means this record was already handled: a success, not an error. An
   * invalid order throws `ProductValidationError` and writes nothing; any other failure propagates.
   */
  async createOnce(order: ReplenishmentOrder): Promise<CreateOnceOutcome> {
    const valid = parseReplenishmentOrder(order);
    try {
      await this.documentClient.send(
        new PutCommand({
          TableName: this.replenishmentTableName,
          Item: toReplenishmentItem(valid),
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': ReplenishmentAttribute.ReplenishmentId },
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }
}
