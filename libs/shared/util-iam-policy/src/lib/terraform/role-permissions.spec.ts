import { createAwsReferenceResolver, LOCAL_AWS_ENVIRONMENT, type TerraformJson } from '@shop/shared-util-terraform-json';
import { shopSynthFixture, SHOP_FIXTURE } from '../../testing';
import { TerraformPolicyError, UnknownManagedPolicyError } from '../errors';
import { functionRoles } from './function-roles';
import { extractRolePermissions, findRole } from './role-permissions';

const label = '2024-01-01T00:00:00.000';
const extract = (synth: TerraformJson, awsManagedPolicies?: Parameters<typeof extractRolePermissions>[1]['awsManagedPolicies']) =>
  extractRolePermissions(synth, {
    resolve: createAwsReferenceResolver(synth, LOCAL_AWS_ENVIRONMENT, { streamLabel: () => label }),
    ...(awsManagedPolicies ? { awsManagedPolicies } : {}),
  });

describe('extractRolePermissions', () => {
  it('reads an inline policy from an aws_iam_policy_document data source, references resolved', () => {
    // Act
    const consumer = findRole(extract(shopSynthFixture()), SHOP_FIXTURE.consumerRole);

    // Assess
    expect(consumer.roleArn).toBe('arn:aws:iam::000000000000:role/shop-dev-replenishment-consumer');
    expect(consumer.policies).toHaveLength(1);
    const [policy] = consumer.policies;
    expect(policy).toMatchObject({ name: 'replenishment-consumer', kind: 'inline', address: 'aws_iam_role_policy.Consumer_Policy_0D1E2F3A' });
    expect(policy?.document.Statement).toEqual(
      expect.arrayContaining([
        {
          Sid: 'ReadProductsStream',
          Effect: 'Allow',
          Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          Resource: `arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-products/stream/${label}`,
        },
        { Sid: 'WriteReplenishment', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-replenishment' },
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/shop-dev-replenishment-consumer:*',
        },
      ]),
    );
  });

  it('reads a JSON-string inline policy, a jsonencode managed policy with a path, and an AWS managed policy', () => {
    // Act
    const api = findRole(extract(shopSynthFixture()), 'aws_iam_role.OrdersApi_Role_6F7A8B9C');

    // Assess
    expect(api.policies.map((p) => [p.kind, p.name, p.arn])).toEqual([
      ['inline', 'orders-api-data', undefined],
      ['managed', 'shop-dev-orders-api-kms', 'arn:aws:iam::000000000000:policy/shop/shop-dev-orders-api-kms'],
      ['aws-managed', 'AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    ]);
    expect(api.policies[0]?.document.Statement).toContainEqual({
      Sid: 'ReplenishmentByProduct',
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-replenishment/index/byProductId',
    });
    expect(api.policies[1]?.document.Statement).toEqual([
      { Sid: 'UseTableKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: expect.stringMatching(/^arn:aws:kms:us-east-1:000000000000:key\//) },
    ]);
  });

  it('reads inline_policy blocks, managed_policy_arns, literal role names and a permissions boundary', () => {
    // Prepare
    const synth = shopSynthFixture() as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const role = synth.resource['aws_iam_role']?.['Consumer_Role_2B3C4D5E'] as Record<string, unknown>;
    role['inline_policy'] = [{ name: 'extra', policy: '{"Statement":[{"Effect":"Allow","Action":"sqs:ReceiveMessage","Resource":"${aws_sqs_queue.Consumer_Dlq_3C4D5E6F.arn}"}]}' }, { name: '', policy: '' }];
    role['managed_policy_arns'] = ['arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess'];
    role['permissions_boundary'] = '${aws_iam_policy.OrdersApi_Kms_8C9D0E1F.arn}';
    (synth.resource['aws_iam_role_policy_attachment'] as Record<string, unknown>)['ByName'] = {
      role: SHOP_FIXTURE.consumerRole,
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
    };

    // Act
    const consumer = findRole(extract(synth), SHOP_FIXTURE.consumerRole);

    // Assess
    expect(consumer.policies.map((p) => p.name)).toEqual(['extra', 'replenishment-consumer', 'AWSXRayDaemonWriteAccess', 'AWSLambdaDynamoDBExecutionRole']);
    expect(consumer.permissionsBoundary).toMatchObject({ kind: 'managed', name: 'shop-dev-orders-api-kms' });
  });

  it('refuses an unknown AWS managed policy unless its document is supplied', () => {
    // Prepare
    const synth = shopSynthFixture() as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const arn = 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess';
    (synth.resource['aws_iam_role_policy_attachment'] as Record<string, unknown>)['Full'] = { role: '${aws_iam_role.Consumer_Role_2B3C4D5E.name}', policy_arn: arn };

    // Act / Assess
    expect(() => extract(synth)).toThrow(UnknownManagedPolicyError);
    const supplied = extract(synth, { [arn]: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] } });
    expect(findRole(supplied, SHOP_FIXTURE.consumerRole).policies.map((p) => p.name)).toContain('AmazonDynamoDBFullAccess');
  });

  it('names the resource when a policy is not JSON or its role is not in the synth', () => {
    // Prepare
    const notJson = shopSynthFixture() as { resource: Record<string, Record<string, Record<string, unknown>>> };
    (notJson.resource['aws_iam_role_policy']?.['OrdersApi_Policy_4B5C6D7E'] as Record<string, unknown>)['policy'] = '{"Statement": [';
    const dangling = shopSynthFixture() as { resource: Record<string, Record<string, Record<string, unknown>>> };
    (dangling.resource['aws_iam_role_policy']?.['OrdersApi_Policy_4B5C6D7E'] as Record<string, unknown>)['role'] = 'somebody-else';

    // Act / Assess
    expect(() => extract(notJson)).toThrow(/aws_iam_role_policy.OrdersApi_Policy_4B5C6D7E: policy is not a JSON document/);
    expect(() => extract(dangling)).toThrow(TerraformPolicyError);
    expect(() => extract(dangling)).toThrow(/role somebody-else is not an aws_iam_role/);
    expect(() => findRole(extract(shopSynthFixture()), 'nobody')).toThrow(/the synth has shop-dev-replenishment-consumer, shop-dev-orders-api/);
  });
});

describe('functionRoles', () => {
  it("pairs each function with its execution role", () => {
    // Prepare
    const synth = shopSynthFixture();

    // Act
    const pairs = functionRoles(synth, extract(synth));

    // Assess
    expect(pairs.map((p) => [p.functionAddress, p.functionName, p.role.roleName])).toEqual([
      ['aws_lambda_function.Consumer_Function_4D5E6F7A', SHOP_FIXTURE.consumerFunction, SHOP_FIXTURE.consumerRole],
      ['aws_lambda_function.OrdersApi_Function_8B9C0D1E', SHOP_FIXTURE.ordersApiFunction, SHOP_FIXTURE.ordersApiRole],
    ]);
  });
});
