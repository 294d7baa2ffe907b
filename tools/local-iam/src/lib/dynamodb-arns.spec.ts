import { LOCAL_AWS_ENVIRONMENT } from '@shop/shared-util-terraform-json';
import { awsDynamoDbArn, streamArnOfShardIterator, tableResourceArn } from './dynamodb-arns';
import { InvalidIamModeError } from './errors';
import { parseIamMode } from './iam-mode';

const env = { partition: 'aws', region: 'eu-central-1', account: '123456789012' };

describe('awsDynamoDbArn', () => {
  it("rewrites DynamoDB Local's ddblocal ARNs to the configured account and region, and keeps others", () => {
    // Act / Assess
    expect(awsDynamoDbArn('arn:aws:dynamodb:ddblocal:000000000000:table/p/stream/2026-11-27T01:45:16.334', env)).toBe(
      'arn:aws:dynamodb:eu-central-1:123456789012:table/p/stream/2026-11-27T01:45:16.334',
    );
    expect(awsDynamoDbArn('arn:aws:dynamodb:us-west-2:111122223333:table/p', env)).toBe('arn:aws:dynamodb:us-west-2:111122223333:table/p');
    expect(tableResourceArn('orders', LOCAL_AWS_ENVIRONMENT)).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/orders');
  });
});

describe('streamArnOfShardIterator', () => {
  it('reads the stream ARN a shard iterator starts with', () => {
    // Act / Assess
    expect(streamArnOfShardIterator('arn:aws:dynamodb:ddblocal:000000000000:table/p/stream/2026-11-27T01:45:16.334|001|c2hhcmQ=')).toBe(
      'arn:aws:dynamodb:ddblocal:000000000000:table/p/stream/2026-11-27T01:45:16.334',
    );
    expect(streamArnOfShardIterator('AAAAAAAAAAH|1|opaque')).toBeUndefined();
  });
});

describe('parseIamMode', () => {
  it('defaults to enforce and accepts warn and off in any case', () => {
    // Act / Assess
    expect(parseIamMode(undefined)).toBe('enforce');
    expect(parseIamMode(' WARN ')).toBe('warn');
    expect(parseIamMode('off')).toBe('off');
    expect(() => parseIamMode('permissive')).toThrow(InvalidIamModeError);
    expect(() => parseIamMode('permissive')).toThrow('Unknown IAM mode "permissive"; use one of enforce, warn, off');
  });
});
