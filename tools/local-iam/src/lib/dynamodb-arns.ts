import { dynamoDbTableArn, type AwsEnvironment } from '@shop/shared-util-terraform-json';
import { DYNAMODB_LOCAL_REGION } from './constants';

const DYNAMODB_ARN = /^arn:([^:]+):dynamodb:([^:]*):([^:]*):(table\/.+)$/;

/**
 * A DynamoDB ARN as AWS would write it for the configured account and region. DynamoDB Local
 * writes `ddblocal` and its own account into every ARN it returns (stream ARNs, shard iterators);
 * those are rewritten. Any other ARN is kept: it is what the caller asked for.
 *
 * @example
 * awsDynamoDbArn('arn:aws:dynamodb:ddblocal:000000000000:table/p/stream/2024-01-01T00:00:00.000', env);
 * // 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/2024-01-01T00:00:00.000'
 */
export function awsDynamoDbArn(arn: string, env: AwsEnvironment): string {
  const match = DYNAMODB_ARN.exec(arn);
  if (!match || match[2] !== DYNAMODB_LOCAL_REGION) return arn;
  return `arn:${env.partition}:dynamodb:${env.region}:${env.account}:${match[4]}`;
}

/** The table a `TableName` parameter names (a name, or since 2024 also a table ARN) as an ARN. */
export function tableResourceArn(tableNameOrArn: string, env: AwsEnvironment): string {
  return tableNameOrArn.startsWith('arn:') ? awsDynamoDbArn(tableNameOrArn, env) : dynamoDbTableArn(env, tableNameOrArn);
}

/**
 * The stream a shard iterator reads. Both AWS and DynamoDB Local begin iterators with the stream
 * ARN (`<stream arn>|<version>|<opaque>`).
 */
export function streamArnOfShardIterator(shardIterator: string): string | undefined {
  const [prefix] = shardIterator.split('|');
  return prefix && /^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\/.+$/.test(prefix) ? prefix : undefined;
}
