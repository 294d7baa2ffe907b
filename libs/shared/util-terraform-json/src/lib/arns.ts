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

/** `arn:aws:sqs:us-east-1:000000000000:NAME` */
export function sqsQueueArn(env: AwsEnvironment, queueName: string): string {
  return `arn:${env.partition}:sqs:${env.region}:${env.account}:${queueName}`;
}

/** `https://sqs.us-east-1.amazonaws.com/000000000000/NAME` (a queue's URL, also its Terraform id) */
export function sqsQueueUrl(env: AwsEnvironment, queueName: string): string {
  return `https://sqs.${env.region}.amazonaws.com/${env.account}/${queueName}`;
}

/** `arn:aws:sns:us-east-1:000000000000:NAME` */
export function snsTopicArn(env: AwsEnvironment, topicName: string): string {
  return `arn:${env.partition}:sns:${env.region}:${env.account}:${topicName}`;
}

/** `arn:aws:kms:us-east-1:000000000000:key/KEY-ID` */
export function kmsKeyArn(env: AwsEnvironment, keyId: string): string {
  return `arn:${env.partition}:kms:${env.region}:${env.account}:key/${keyId}`;
}

/** `arn:aws:kms:us-east-1:000000000000:alias/NAME` (the alias name includes `alias/`) */
export function kmsAliasArn(env: AwsEnvironment, aliasName: string): string {
  return `arn:${env.partition}:kms:${env.region}:${env.account}:${aliasName}`;
}

/** `arn:aws:logs:us-east-1:000000000000:log-group:NAME` (no trailing `:*`, as the AWS provider's `arn` since v4) */
export function logGroupArn(env: AwsEnvironment, logGroupName: string): string {
  return `arn:${env.partition}:logs:${env.region}:${env.account}:log-group:${logGroupName}`;
}

/** `arn:aws:lambda:us-east-1:000000000000:function:NAME` */
export function lambdaFunctionArn(env: AwsEnvironment, functionName: string): string {
  return `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${functionName}`;
}

/** The URI API Gateway invokes a function by (a function's `invoke_arn`). */
export function lambdaInvokeArn(env: AwsEnvironment, functionArn: string): string {
  return `arn:${env.partition}:apigateway:${env.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** `arn:aws:execute-api:us-east-1:000000000000:API-ID` (an HTTP API's `execution_arn`) */
export function executeApiArn(env: AwsEnvironment, apiId: string): string {
  return `arn:${env.partition}:execute-api:${env.region}:${env.account}:${apiId}`;
}

/** `arn:aws:apigateway:us-east-1::/apis/API-ID` (an HTTP API's `arn`) */
export function apiGatewayV2ApiArn(env: AwsEnvironment, apiId: string): string {
  return `arn:${env.partition}:apigateway:${env.region}::/apis/${apiId}`;
}

/** `arn:aws:cognito-idp:us-east-1:000000000000:userpool/POOL-ID` */
export function cognitoUserPoolArn(env: AwsEnvironment, userPoolId: string): string {
  return `arn:${env.partition}:cognito-idp:${env.region}:${env.account}:userpool/${userPoolId}`;
}

/** `arn:aws:iam::000000000000:user/NAME` */
export function iamUserArn(env: AwsEnvironment, userName: string): string {
  return `arn:${env.partition}:iam::${env.account}:user/${userName}`;
}

/** `arn:aws:s3:::BUCKET` */
export function s3BucketArn(env: AwsEnvironment, bucket: string): string {
  return `arn:${env.partition}:s3:::${bucket}`;
}

function normalizePath(path: string): string {
  const withLeading = path.startsWith('/') ? path : `/${path}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}
