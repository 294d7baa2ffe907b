import { AWS_PARTITION, DYNAMODB_LOCAL_REGION, LOCAL_ACCOUNT_ID } from '../constants';

/**
 * ARNs and URLs shaped exactly like AWS's, for the stack's region and the local account. Handlers
 * and DLQ messages see these; only the stream reader talks to DynamoDB Local in its own dialect
 * (region `ddblocal`), translated by {@link toDynamoDbLocalStreamArn}.
 */
export const LocalArns = {
  table: (region: string, tableName: string): string => `arn:${AWS_PARTITION}:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${tableName}`,
  stream: (region: string, tableName: string, streamLabel: string): string =>
    `${LocalArns.table(region, tableName)}/stream/${streamLabel}`,
  lambdaFunction: (region: string, functionName: string): string =>
    `arn:${AWS_PARTITION}:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
  lambdaInvoke: (region: string, functionArn: string): string =>
    `arn:${AWS_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
  sqsQueue: (region: string, queueName: string): string => `arn:${AWS_PARTITION}:sqs:${region}:${LOCAL_ACCOUNT_ID}:${queueName}`,
  sqsQueueUrl: (region: string, queueName: string): string => `https://sqs.${region}.amazonaws.com/${LOCAL_ACCOUNT_ID}/${queueName}`,
  httpApiExecution: (region: string, apiId: string): string => `arn:${AWS_PARTITION}:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${apiId}`,
} as const;

/** The region field of an ARN (`arn:aws:dynamodb:REGION:...`). */
export function arnRegion(arn: string): string | undefined {
  return arn.split(':')[3];
}

/**
 * The stream ARN DynamoDB Local accepts for an AWS-shaped one: same table and label, region
 * `ddblocal` (Local rejects any other region with ResourceNotFoundException).
 */
export function toDynamoDbLocalStreamArn(streamArn: string): string {
  const parts = streamArn.split(':');
  if (parts.length < 6 || parts[2] !== 'dynamodb') throw new RangeError(`Not a DynamoDB stream ARN: ${streamArn}`);
  parts[3] = DYNAMODB_LOCAL_REGION;
  return parts.join(':');
}
