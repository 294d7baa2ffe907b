import type { PolicyDocument } from './types';

/**
 * The AWS managed policies Lambda roles commonly attach, with their documents as AWS publishes them
 * (`aws iam get-policy-version`; AWS may add versions — pass a newer document through the
 * `awsManagedPolicies` option to override). Keys use the `aws` partition; other partitions map onto them.
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = Object.freeze({
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        Resource: '*',
      },
    ],
  },
  'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
          'xray:GetSamplingStatisticSummaries',
        ],
        Resource: ['*'],
      },
    ],
  },
});

/** `arn:aws-cn:iam::aws:policy/X` → `arn:aws:iam::aws:policy/X`, so one table serves every partition. */
export function awsManagedPolicyKey(arn: string): string {
  return arn.replace(/^arn:[^:]+:iam::aws:policy\//, 'arn:aws:iam::aws:policy/');
}
