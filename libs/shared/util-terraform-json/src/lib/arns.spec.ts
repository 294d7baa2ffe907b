import { apiGatewayV2ApiArn, assumedRoleArn, cognitoUserPoolArn, dynamoDbIndexArn, executeApiArn, iamPolicyArn, iamRoleArn, iamUserArn, LOCAL_AWS_ENVIRONMENT, sqsQueueUrl } from './arns';

describe('ARNs', () => {
  const env = { partition: 'aws-cn', region: 'cn-north-1', account: '123456789012' };

  it('builds them for the given partition, region and account', () => {
    // Act / Assess
    expect(dynamoDbIndexArn(env, 'orders', 'byDate')).toBe('arn:aws-cn:dynamodb:cn-north-1:123456789012:table/orders/index/byDate');
    expect(executeApiArn(env, 'abc123')).toBe('arn:aws-cn:execute-api:cn-north-1:123456789012:abc123');
    expect(sqsQueueUrl(LOCAL_AWS_ENVIRONMENT, 'dlq')).toBe('https://sqs.us-east-1.amazonaws.com/000000000000/dlq');
    expect(apiGatewayV2ApiArn(env, 'abc123')).toBe('arn:aws-cn:apigateway:cn-north-1::/apis/abc123');
    expect(cognitoUserPoolArn(env, 'cn-north-1_x')).toBe('arn:aws-cn:cognito-idp:cn-north-1:123456789012:userpool/cn-north-1_x');
    expect(iamUserArn(env, 'local')).toBe('arn:aws-cn:iam::123456789012:user/local');
  });

  it('normalizes IAM paths to start and end with a slash', () => {
    // Act / Assess
    expect(iamRoleArn(env, 'consumer')).toBe('arn:aws-cn:iam::123456789012:role/consumer');
    expect(iamRoleArn(env, 'consumer', 'service')).toBe('arn:aws-cn:iam::123456789012:role/service/consumer');
    expect(iamPolicyArn(env, 'kms', '/team/')).toBe('arn:aws-cn:iam::123456789012:policy/team/kms');
  });

  it("names a role session the way AWS's access denied messages do (a role path is not part of it)", () => {
    // Act / Assess
    expect(assumedRoleArn('arn:aws:iam::000000000000:role/service/shop-dev-consumer', 'fn')).toBe('arn:aws:sts::000000000000:assumed-role/shop-dev-consumer/fn');
    expect(() => assumedRoleArn('arn:aws:iam::000000000000:user/alice', 'fn')).toThrow(/Not an IAM role ARN/);
  });
});
