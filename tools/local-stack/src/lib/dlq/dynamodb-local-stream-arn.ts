import { DYNAMODB_LOCAL_REGION } from '../constants';

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
