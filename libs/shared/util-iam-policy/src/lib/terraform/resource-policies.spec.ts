import { createAwsReferenceResolver, LOCAL_AWS_ENVIRONMENT, type TerraformJson } from '@shop/shared-util-terraform-json';
import { extractResourcePolicies } from './resource-policies';

const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
const extract = (synth: TerraformJson) => extractResourcePolicies(synth, { resolve: createAwsReferenceResolver(synth, LOCAL_AWS_ENVIRONMENT) });

describe('extractResourcePolicies', () => {
  it('keys policies by the ARN they govern: on the resource, or on a policy resource pointing at it', () => {
    // Prepare
    const synth: TerraformJson = {
      resource: {
        aws_kms_key: { key: { policy: policy('Key') } },
        aws_sqs_queue: { dlq: { name: 'dlq' } },
        aws_sqs_queue_policy: { dlq: { queue_url: '${aws_sqs_queue.dlq.id}', policy: policy('Queue') } },
        aws_dynamodb_table: { orders: { name: 'orders' } },
        aws_dynamodb_resource_policy: { orders: { resource_arn: '${aws_dynamodb_table.orders.arn}', policy: policy('Table') } },
        aws_sns_topic: { alarms: { name: 'alarms', policy: '' } },
      },
    };

    // Act
    const policies = extract(synth);

    // Assess
    expect([...policies].map(([arn, p]) => [arn.replace(/key\/.*/, 'key/…'), p.address])).toEqual([
      ['arn:aws:kms:us-east-1:000000000000:key/…', 'aws_kms_key.key'],
      ['arn:aws:sqs:us-east-1:000000000000:dlq', 'aws_sqs_queue_policy.dlq'],
      ['arn:aws:dynamodb:us-east-1:000000000000:table/orders', 'aws_dynamodb_resource_policy.orders'],
    ]);
  });

  it('refuses two policies for one resource', () => {
    // Prepare
    const synth: TerraformJson = {
      resource: {
        aws_sqs_queue: { dlq: { name: 'dlq', policy: policy('Inline') } },
        aws_sqs_queue_policy: { dlq: { queue_url: '${aws_sqs_queue.dlq.url}', policy: policy('Separate') } },
      },
    };

    // Act / Assess
    expect(() => extract(synth)).toThrow(/aws_sqs_queue_policy.dlq: aws_sqs_queue.dlq already sets the policy/);
  });
});
