import { shopSynthFixture, SHOP_FIXTURE } from '../testing';
import { Decision } from './constants';
import { TerraformPolicyError } from './errors';
import { createSynthAccessEvaluator } from './synth-access-evaluator';

const label = '2024-01-01T00:00:00.000';
type Row = readonly [role: string, action: string, resource: string, decision: Decision];

describe('createSynthAccessEvaluator', () => {
  const iam = createSynthAccessEvaluator(shopSynthFixture(), { streamLabel: () => label });
  const products = iam.value('aws_dynamodb_table.Tables_Products_1A2B3C4D.arn');
  const orders = iam.value('aws_dynamodb_table.Tables_Orders_5E6F7A8B.arn');
  const replenishment = iam.value('aws_dynamodb_table.Tables_Replenishment_9C0D1E2F.arn');
  const stream = iam.value('aws_dynamodb_table.Tables_Products_1A2B3C4D.stream_arn');
  const dlq = iam.value('aws_sqs_queue.Consumer_Dlq_3C4D5E6F.arn');
  const key = iam.value('aws_kms_key.Tables_Key_7A8B9C0D.arn');
  const consumer = 'Consumer_Role_2B3C4D5E';
  const api = SHOP_FIXTURE.ordersApiRole;

  const matrix: readonly Row[] = [
    [consumer, 'dynamodb:GetRecords', stream, Decision.Allow],
    [consumer, 'dynamodb:GetShardIterator', stream, Decision.Allow],
    [consumer, 'dynamodb:ListStreams', '*', Decision.Allow],
    [consumer, 'dynamodb:PutItem', replenishment, Decision.Allow],
    [consumer, 'dynamodb:PutItem', orders, Decision.ImplicitDeny],
    [consumer, 'dynamodb:PutItem', products, Decision.ImplicitDeny],
    [consumer, 'dynamodb:DeleteItem', replenishment, Decision.ExplicitDeny],
    [consumer, 'sqs:SendMessage', dlq, Decision.Allow],
    [consumer, 'kms:GenerateDataKey', key, Decision.Allow],
    [api, 'dynamodb:UpdateItem', products, Decision.Allow],
    [api, 'dynamodb:Query', `${replenishment}/index/byProductId`, Decision.Allow],
    [api, 'dynamodb:Query', replenishment, Decision.ImplicitDeny],
    [api, 'dynamodb:Scan', orders, Decision.ImplicitDeny],
    [api, 'dynamodb:GetRecords', stream, Decision.ImplicitDeny],
    [api, 'sqs:SendMessage', dlq, Decision.ImplicitDeny],
    [api, 'kms:Decrypt', key, Decision.Allow],
  ];

  it.each(matrix)('%s: %s on %s → %s', async (role, action, resource, expected) => {
    // Act
    const result = await iam.evaluate({ role, action, resource });

    // Assess
    expect(result.decision).toBe(expected);
  });

  it("applies the DLQ's TLS-only queue policy", async () => {
    // Act
    const plainText = await iam.evaluate({ role: consumer, action: 'sqs:SendMessage', resource: dlq, context: { 'aws:SecureTransport': 'false' } });

    // Assess
    expect(iam.resourcePolicies.get(dlq)?.address).toBe('aws_sqs_queue_policy.Consumer_DlqPolicy_7B8C9D0E');
    expect(plainText.decision).toBe(Decision.ExplicitDeny);
  });

  it("catches a wrong grant: the consumer granted PutItem on the Orders table instead of Replenishment", async () => {
    // Prepare
    const seed = createSynthAccessEvaluator(shopSynthFixture({ consumerWritesTo: 'orders' }), { streamLabel: () => label });

    // Act
    const result = await seed.evaluate({ role: consumer, action: 'dynamodb:PutItem', resource: replenishment, sessionName: SHOP_FIXTURE.consumerFunction });

    // Assess
    expect(result.decision).toBe(Decision.ImplicitDeny);
    expect(result.principalArn).toBe(`arn:aws:sts::000000000000:assumed-role/${SHOP_FIXTURE.consumerRole}/${SHOP_FIXTURE.consumerFunction}`);
    expect(result.nearMisses).toEqual([expect.objectContaining({ sid: 'WriteReplenishment', statement: expect.objectContaining({ Resource: orders }) })]);
  });

  it('finds roles by Terraform name, address, IAM name or ARN, and names the known ones otherwise', () => {
    // Act / Assess
    const byArn = iam.role('arn:aws:iam::000000000000:role/shop-dev-orders-api');
    expect(iam.role('OrdersApi_Role_6F7A8B9C')).toBe(byArn);
    expect(iam.role('aws_iam_role.OrdersApi_Role_6F7A8B9C')).toBe(byArn);
    expect(() => iam.role('nobody')).toThrow(TerraformPolicyError);
  });
});
