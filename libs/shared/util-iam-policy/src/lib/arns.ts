/** The account, region and partition ARNs are built for. Locally, a fixed fake account. */
export interface AwsEnvironment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** What the local stack stands for: us-east-1 and the account id DynamoDB Local itself reports. */
export const LOCAL_AWS_ENVIRONMENT: AwsEnvironment = Object.freeze({ partition: 'aws', region: 'us-east-1', account: '000000000000' });

/** `arn:aws:iam::000000000000:role/service/name` (path defaults to `/`). */
export function iamRoleArn(env: AwsEnvironment, roleName: string, path = '/'): string {
  return `arn:${env.partition}:iam::${env.account}:role${normalizePath(path)}${roleName}`;
}

/** `arn:aws:iam::000000000000:policy/name` (path defaults to `/`). */
export function iamPolicyArn(env: AwsEnvironment, policyName: string, path = '/'): string {
  return `arn:${env.partition}:iam::${env.account}:policy${normalizePath(path)}${policyName}`;
}

/**
 * The ARN a role session is known by, as it appears in AWS's access denied messages. Lambda uses the
 * function name as the session name. A role's path is not part of it.
 *
 * @example
 * assumedRoleArn('arn:aws:iam::000000000000:role/shop-dev-consumer', 'shop-dev-consumer');
 * // 'arn:aws:sts::000000000000:assumed-role/shop-dev-consumer/shop-dev-consumer'
 */
export function assumedRoleArn(roleArn: string, sessionName: string): string {
  const match = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!match) throw new TypeError(`Not an IAM role ARN: ${roleArn}`);
  const [, partition, account, roleName] = match;
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

/** `arn:aws:dynamodb:us-east-1:000000000000:table/NAME` */
export function dynamoDbTableArn(env: AwsEnvironment, tableName: string): string {
  return `arn:${env.partition}:dynamodb:${env.region}:${env.account}:table/${tableName}`;
}

/** `arn:aws:dynamodb:us-east-1:000000000000:table/NAME/index/INDEX` */
export function dynamoDbIndexArn(env: AwsEnvironment, tableName: string, indexName: string): string {
  return `${dynamoDbTableArn(env, tableName)}/index/${indexName}`;
}

/** `arn:aws:dynamodb:us-east-1:000000000000:table/NAME/stream/LABEL` (the label is the stream's creation timestamp). */
export function dynamoDbStreamArn(env: AwsEnvironment, tableName: string, streamLabel: string): string {
  return `${dynamoDbTableArn(env, tableName)}/stream/${streamLabel}`;
}

function normalizePath(path: string): string {
  const withLeading = path.startsWith('/') ? path : `/${path}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}
