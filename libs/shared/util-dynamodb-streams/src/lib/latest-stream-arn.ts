import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StreamNotEnabledError } from './errors';

/**
 * The ARN of a table's current stream (DescribeTable's `LatestStreamArn`), or
 * {@link StreamNotEnabledError} when the table has none.
 *
 * @example
 * const shards = await listShards(streams, await latestStreamArn(ddb, 'shop-dev-products'));
 */
export async function latestStreamArn(client: DynamoDBClient, tableName: string, options: { readonly signal?: AbortSignal } = {}): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: options.signal });
  if (!Table?.LatestStreamArn) throw new StreamNotEnabledError(tableName);
  return Table.LatestStreamArn;
}
