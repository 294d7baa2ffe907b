import { LOCAL_AWS_ENVIRONMENT } from './arns';
import { createAwsReferenceResolver } from './aws-reference-resolver';
import { BlockAttributeError, UnresolvableReferenceError } from './errors';
import { evaluateTerraformString } from './expression';
import type { TerraformJson } from './terraform-json';

const synth: TerraformJson = {
  resource: {
    aws_dynamodb_table: {
      products: { name: 'shop-dev-products', stream_enabled: true },
      orders: { name: 'shop-dev-orders' },
      computed: { name: '${var.prefix}-x' },
    },
    aws_sqs_queue: { dlq: { name: 'shop-dev-dlq' }, generated: { name_prefix: 'dlq-' } },
    aws_kms_key: { key: {} },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/shop-dev-consumer' } },
    aws_iam_role: { role: { name: 'consumer', path: '/service/' } },
    aws_iam_policy: { policy: { name: 'kms' } },
    aws_lambda_function: { fn: { function_name: 'shop-dev-consumer' } },
    aws_sns_topic: { alarms: { name: 'shop-dev-alarms' } },
    aws_kms_alias: { alias: { name: 'alias/shop-dev' } },
    aws_s3_bucket: { assets: { bucket: 'shop-dev-assets' } },
  },
};
const env = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };
const resolve = createAwsReferenceResolver(synth, env, { streamLabel: (table) => (table === 'shop-dev-products' ? '2024-05-01T10:00:00.000' : undefined) });
const value = (expression: string) => evaluateTerraformString(`\${${expression}}`, resolve);

describe('createAwsReferenceResolver', () => {
  it('builds ARNs and names the way AWS does for the configured account and region', () => {
    // Act / Assess
    expect(value('aws_dynamodb_table.orders.arn')).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/shop-dev-orders');
    expect(value('aws_dynamodb_table.orders.name')).toBe('shop-dev-orders');
    expect(value('aws_dynamodb_table.products.stream_arn')).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/shop-dev-products/stream/2024-05-01T10:00:00.000');
    expect(value('aws_sqs_queue.dlq.arn')).toBe('arn:aws:sqs:eu-west-1:123456789012:shop-dev-dlq');
    expect(value('aws_sqs_queue.dlq.url')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/shop-dev-dlq');
    expect(value('aws_cloudwatch_log_group.logs.arn')).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/shop-dev-consumer');
    expect(value('aws_iam_role.role.arn')).toBe('arn:aws:iam::123456789012:role/service/consumer');
    expect(value('aws_iam_policy.policy.arn')).toBe('arn:aws:iam::123456789012:policy/kms');
    expect(value('aws_lambda_function.fn.arn')).toBe('arn:aws:lambda:eu-west-1:123456789012:function:shop-dev-consumer');
    expect(value('aws_lambda_function.fn.invoke_arn')).toBe(
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:shop-dev-consumer/invocations',
    );
    expect(value('aws_sns_topic.alarms.arn')).toBe('arn:aws:sns:eu-west-1:123456789012:shop-dev-alarms');
    expect(value('aws_kms_alias.alias.arn')).toBe('arn:aws:kms:eu-west-1:123456789012:alias/shop-dev');
    expect(value('aws_s3_bucket.assets.arn')).toBe('arn:aws:s3:::shop-dev-assets');
    expect(value('data.aws_caller_identity.me.account_id')).toBe('123456789012');
    expect(value('data.aws_region.current.name')).toBe('eu-west-1');
    expect(value('data.aws_region.current.region')).toBe('eu-west-1');
    expect(value('data.aws_partition.current.partition')).toBe('aws');
  });

  it('gives a KMS key a stable, UUID-shaped id', () => {
    // Act
    const arn = value('aws_kms_key.key.arn');

    // Assess
    expect(arn).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(value('aws_kms_key.key.arn')).toBe(arn);
    expect(value('aws_kms_key.key.key_id')).toBe(String(arn).split('/')[1]);
  });

  it('reports what cannot be known offline instead of guessing', () => {
    // Act / Assess
    expect(() => value('aws_dynamodb_table.orders.stream_arn')).toThrow(/has no stream/);
    expect(() => createAwsReferenceResolver(synth, LOCAL_AWS_ENVIRONMENT)({ expression: 'aws_dynamodb_table.products.stream_arn', kind: 'resource', address: 'aws_dynamodb_table.products', type: 'aws_dynamodb_table', name: 'products', attribute: 'stream_arn' })).toThrow(
      /pass streamLabel/,
    );
    expect(() => value('aws_sqs_queue.generated.arn')).toThrow(/declares no literal name/);
    expect(() => value('aws_dynamodb_table.computed.arn')).toThrow(BlockAttributeError);
    expect(() => value('aws_dynamodb_table.missing.arn')).toThrow(/not declared in the synth/);
    expect(() => value('aws_apigatewayv2_api.api.execution_arn')).toThrow(UnresolvableReferenceError);
  });
});
