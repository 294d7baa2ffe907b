/** What the proxy does with a request the role's policies do not allow. */
export const IamMode = {
  /** Answer AccessDeniedException, as AWS would. The default. */
  Enforce: 'enforce',
  /** Log what AWS would deny, then forward it anyway. */
  Warn: 'warn',
  /** Forward everything without evaluating. */
  Off: 'off',
} as const;
export type IamMode = (typeof IamMode)[keyof typeof IamMode];

/** `X-Amz-Target` prefixes of the two JSON APIs DynamoDB Local serves on one port. */
export const TargetPrefix = {
  DynamoDb: 'DynamoDB_20120810.',
  DynamoDbStreams: 'DynamoDBStreams_20120810.',
} as const;

/** The region DynamoDB Local writes into every ARN it returns (`arn:aws:dynamodb:ddblocal:000000000000:...`). */
export const DYNAMODB_LOCAL_REGION = 'ddblocal';

/**
 * Condition keys the proxy puts in the request context. A policy testing any other key sees it as
 * absent (the proxy warns at start-up).
 */
export const SUPPLIED_CONDITION_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:securetransport',
  'aws:requestedregion',
  'dynamodb:enclosingoperation',
  'dynamodb:returnvalues',
  'dynamodb:returnconsumedcapacity',
  'dynamodb:select',
  'dynamodb:attributes',
]);
