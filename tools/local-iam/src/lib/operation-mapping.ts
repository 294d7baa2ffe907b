import type { AwsEnvironment } from '@shop/shared-util-terraform-json';
import type { AuthorizationRequirement } from './authorization-requirement';
import { TargetPrefix } from './constants';
import { DYNAMODB_OPERATIONS } from './dynamodb-operations';
import { MalformedRequestError, UnsupportedOperationError } from './errors';
import { STREAMS_OPERATIONS } from './streams-operations';

/** A request's operation and everything AWS authorizes for it, in request order. */
export interface MappedOperation {
  /** `DynamoDB_20120810.TransactWriteItems` */
  readonly target: string;
  readonly operation: string;
  readonly requirements: readonly AuthorizationRequirement[];
}

/**
 * Maps a DynamoDB or DynamoDB Streams JSON request (its `X-Amz-Target` and parsed body) to the IAM
 * (action, resource) pairs AWS authorizes, with ARNs built for the configured account and region.
 * All of them must be allowed: a transaction with one denied member is denied whole.
 *
 * @throws UnsupportedOperationError for operations without a mapping
 * @throws MalformedRequestError when the body lacks what the operation needs
 * @example
 * mapDynamoDbRequest('DynamoDB_20120810.Query', { TableName: 'r', IndexName: 'byProductId' }, env).requirements;
 * // [{ action: 'dynamodb:Query', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/r/index/byProductId', ... }]
 */
export function mapDynamoDbRequest(target: string, body: unknown, env: AwsEnvironment): MappedOperation {
  const [prefix, operations] = target.startsWith(TargetPrefix.DynamoDb)
    ? [TargetPrefix.DynamoDb, DYNAMODB_OPERATIONS]
    : target.startsWith(TargetPrefix.DynamoDbStreams)
      ? [TargetPrefix.DynamoDbStreams, STREAMS_OPERATIONS]
      : [undefined, undefined];
  const operation = prefix ? target.slice(prefix.length) : target;
  const mapper = operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  if (!mapper) throw new UnsupportedOperationError(target);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MalformedRequestError(operation, 'the body is not a JSON object');
  return { target, operation, requirements: mapper(body as Readonly<Record<string, unknown>>, env, operation) };
}
