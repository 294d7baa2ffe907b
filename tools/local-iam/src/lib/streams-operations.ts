import type { AwsEnvironment } from '@shop/shared-util-terraform-json';
import type { AuthorizationRequirement } from './authorization-requirement';
import { awsDynamoDbArn, streamArnOfShardIterator } from './dynamodb-arns';
import { MalformedRequestError } from './errors';

type Body = Readonly<Record<string, unknown>>;
type Mapper = (body: Body, env: AwsEnvironment, operation: string) => AuthorizationRequirement[];

const onStreamArn: Mapper = (body, env, operation) => {
  const streamArn = body['StreamArn'];
  if (typeof streamArn !== 'string' || streamArn === '') throw new MalformedRequestError(operation, 'StreamArn is missing');
  return [{ action: `dynamodb:${operation}`, resource: awsDynamoDbArn(streamArn, env), context: {}, source: 'StreamArn' }];
};

/** GetRecords names no stream: the shard iterator carries it. */
const onIteratorStream: Mapper = (body, env, operation) => {
  const iterator = body['ShardIterator'];
  const streamArn = typeof iterator === 'string' ? streamArnOfShardIterator(iterator) : undefined;
  if (!streamArn) throw new MalformedRequestError(operation, 'ShardIterator is missing or does not name a stream');
  return [{ action: `dynamodb:${operation}`, resource: awsDynamoDbArn(streamArn, env), context: {}, source: 'ShardIterator' }];
};

/**
 * `DynamoDBStreams_20120810.<Operation>` → IAM (action, resource). The Streams API's actions live in
 * the `dynamodb` service prefix and take the stream ARN, except ListStreams, which has no
 * resource-level permissions (IAM service authorization reference) and is authorized on `*` — a
 * policy granting it on a stream ARN does not allow it, in AWS or here.
 */
export const STREAMS_OPERATIONS: Readonly<Record<string, Mapper>> = {
  DescribeStream: onStreamArn,
  GetShardIterator: onStreamArn,
  GetRecords: onIteratorStream,
  ListStreams: (_body, _env, operation) => [{ action: `dynamodb:${operation}`, resource: '*', context: {}, source: 'account' }],
};
