import { Decision, DenyingPolicyType, PolicyKind } from './constants';
import { InvalidAccessRequestError, PolicyValidationError } from './errors';
import { assertValidPolicies, evaluateAccess, evaluateRoleAccess } from './evaluate';
import type { NamedPolicy, PolicyStatement, RolePermissions } from './types';

const account = '000000000000';
const principalArn = `arn:aws:sts::${account}:assumed-role/shop-dev-consumer/shop-dev-consumer`;
const table = (name: string) => `arn:aws:dynamodb:us-east-1:${account}:table/${name}`;
const stream = `${table('products')}/stream/2024-01-01T00:00:00.000`;
const inline = (name: string, ...statements: PolicyStatement[]): NamedPolicy => ({
  name,
  kind: PolicyKind.Inline,
  document: { Version: '2012-10-17', Statement: statements },
});

describe('evaluateAccess', () => {
  const consumer = inline(
    'consumer',
    { Sid: 'WriteReplenishment', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: table('replenishment') },
    { Sid: 'ReadStream', Effect: 'Allow', Action: ['dynamodb:GetRecords', 'dynamodb:ListStreams'], Resource: stream },
    { Sid: 'NeverDelete', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: '*' },
    { Sid: 'DeleteAnything', Effect: 'Allow', Action: 'dynamodb:DeleteItem', Resource: '*' },
  );

  it('allows what a statement grants and names that statement', async () => {
    // Act
    const result = await evaluateAccess({ policies: [consumer] }, { principalArn, action: 'dynamodb:PutItem', resource: table('replenishment') });

    // Assess
    expect(result.decision).toBe(Decision.Allow);
    expect(result.deniedBy).toBeUndefined();
    expect(result.allowingStatements).toEqual([
      expect.objectContaining({ policyName: 'consumer', policyKind: 'inline', sid: 'WriteReplenishment', index: 1 }),
    ]);
  });

  it('denies implicitly what no statement grants, pointing at the statement that names another resource', async () => {
    // Act
    const result = await evaluateAccess({ policies: [consumer] }, { principalArn, action: 'dynamodb:PutItem', resource: table('orders') });

    // Assess
    expect(result.decision).toBe(Decision.ImplicitDeny);
    expect(result.deniedBy).toBe(DenyingPolicyType.Identity);
    expect(result.allowingStatements).toEqual([]);
    expect(result.nearMisses.map((s) => s.sid)).toEqual(['WriteReplenishment']);
  });

  it('lets an explicit deny win over an allow', async () => {
    // Act
    const result = await evaluateAccess({ policies: [consumer] }, { principalArn, action: 'dynamodb:DeleteItem', resource: table('replenishment') });

    // Assess
    expect(result.decision).toBe(Decision.ExplicitDeny);
    expect(result.denyingStatements.map((s) => s.sid)).toEqual(['NeverDelete']);
  });

  it('evaluates actions without resource-level permissions on "*" only, as AWS does', async () => {
    // Prepare: ListStreams is granted on the stream ARN only, which never matches "*"
    const onStar = inline('on-star', { Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' });

    // Act
    const scoped = await evaluateAccess({ policies: [consumer] }, { principalArn, action: 'dynamodb:ListStreams', resource: '*' });
    const star = await evaluateAccess({ policies: [onStar] }, { principalArn, action: 'dynamodb:ListStreams', resource: '*' });

    // Assess
    expect(scoped.decision).toBe(Decision.ImplicitDeny);
    expect(star.decision).toBe(Decision.Allow);
    await expect(evaluateAccess({ policies: [onStar] }, { principalArn, action: 'dynamodb:ListStreams', resource: stream })).rejects.toThrow(
      InvalidAccessRequestError,
    );
  });

  it('denies what the policies allow but the permissions boundary does not', async () => {
    // Prepare
    const boundary = { ...inline('boundary', { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }), kind: PolicyKind.Managed };

    // Act
    const result = await evaluateAccess(
      { policies: [consumer], permissionsBoundary: boundary },
      { principalArn, action: 'dynamodb:PutItem', resource: table('replenishment') },
    );

    // Assess
    expect(result.decision).toBe(Decision.ImplicitDeny);
    expect(result.deniedBy).toBe(DenyingPolicyType.PermissionsBoundary);
  });

  it('applies request context: a deny on dynamodb:EnclosingOperation only inside a transaction', async () => {
    // Prepare
    const noTransactions = inline(
      'no-transactions',
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: table('orders') },
      { Sid: 'NoTransactions', Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: '*', Condition: { StringEquals: { 'dynamodb:EnclosingOperation': 'TransactWriteItems' } } },
    );
    const request = { principalArn, action: 'dynamodb:PutItem', resource: table('orders') };

    // Act
    const plain = await evaluateAccess({ policies: [noTransactions] }, request);
    const transactional = await evaluateAccess({ policies: [noTransactions] }, { ...request, context: { 'dynamodb:EnclosingOperation': 'TransactWriteItems' } });

    // Assess
    expect(plain.decision).toBe(Decision.Allow);
    expect(transactional.decision).toBe(Decision.ExplicitDeny);
  });

  it('combines a resource policy: its explicit deny (TLS only) wins, its allow suffices in the same account', async () => {
    // Prepare
    const queue = `arn:aws:sqs:us-east-1:${account}:shop-dev-dlq`;
    const queuePolicy: NamedPolicy = {
      name: 'aws_sqs_queue_policy.dlq',
      kind: PolicyKind.Resource,
      document: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queue, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'Consumer', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/shop-dev-consumer` }, Action: 'sqs:SendMessage', Resource: queue },
        ],
      },
    };
    const request = { principalArn, action: 'sqs:SendMessage', resource: queue, resourcePolicy: queuePolicy };

    // Act
    const overTls = await evaluateAccess({ policies: [] }, { ...request, context: { 'aws:SecureTransport': 'true' } });
    const plainText = await evaluateAccess({ policies: [] }, { ...request, context: { 'aws:SecureTransport': 'false' } });

    // Assess
    expect(overTls.decision).toBe(Decision.Allow);
    expect(overTls.allowingStatements).toEqual([expect.objectContaining({ policyName: 'aws_sqs_queue_policy.dlq', policyKind: 'resource', sid: 'Consumer' })]);
    expect(plainText.decision).toBe(Decision.ExplicitDeny);
    expect(plainText.deniedBy).toBe(DenyingPolicyType.Resource);
  });

  it('rejects an invalid policy naming it, and an unknown action', async () => {
    // Prepare
    const broken = inline('broken', { Effect: 'Permit', Action: 'dynamodb:GetItem', Resource: '*' });

    // Act / Assess
    await expect(assertValidPolicies({ policies: [consumer, broken] })).rejects.toThrow(PolicyValidationError);
    await expect(assertValidPolicies({ policies: [consumer, broken] })).rejects.toThrow(/"broken"/);
    await expect(assertValidPolicies({ policies: [consumer] })).resolves.toBeUndefined();
    await expect(evaluateAccess({ policies: [consumer] }, { principalArn, action: 'dynamodb:TransactWriteItems', resource: table('orders') })).rejects.toThrow(
      /not in the IAM service authorization reference/,
    );
  });
});

describe('evaluateRoleAccess', () => {
  it('evaluates as the role session, with the SDK context AWS sets (aws:SecureTransport, aws:PrincipalArn)', async () => {
    // Prepare
    const role: RolePermissions = {
      address: 'aws_iam_role.consumer',
      roleName: 'shop-dev-consumer',
      roleArn: `arn:aws:iam::${account}:role/service/shop-dev-consumer`,
      policies: [
        inline('guarded', {
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: table('orders'),
          Condition: { Bool: { 'aws:SecureTransport': 'true' }, ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${account}:role/service/shop-dev-consumer` } },
        }),
      ],
    };

    // Act
    const result = await evaluateRoleAccess(role, 'dynamodb:GetItem', table('orders'), { sessionName: 'fn' });
    const overridden = await evaluateRoleAccess(role, 'dynamodb:GetItem', table('orders'), { context: { 'aws:SecureTransport': 'false' } });

    // Assess
    expect(result.decision).toBe(Decision.Allow);
    expect(result.principalArn).toBe(`arn:aws:sts::${account}:assumed-role/shop-dev-consumer/fn`);
    expect(overridden.decision).toBe(Decision.ImplicitDeny);
  });
});
