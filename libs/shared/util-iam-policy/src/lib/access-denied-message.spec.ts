import { accessDeniedMessage, describeStatement, explainDenial, missingStatement } from './access-denied-message';
import { Decision, DenyingPolicyType, PolicyKind } from './constants';
import type { PolicyEvaluation } from './types';

const principalArn = 'arn:aws:sts::000000000000:assumed-role/shop-dev-consumer/shop-dev-consumer';
const orders = 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-orders';
const denied = (overrides: Partial<PolicyEvaluation>): PolicyEvaluation => ({
  decision: Decision.ImplicitDeny,
  principalArn,
  action: 'dynamodb:PutItem',
  resource: orders,
  deniedBy: DenyingPolicyType.Identity,
  allowingStatements: [],
  denyingStatements: [],
  nearMisses: [],
  ...overrides,
});
const writeReplenishment = {
  policyName: 'consumer',
  policyKind: PolicyKind.Inline,
  sid: 'WriteReplenishment',
  index: 3,
  statement: { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-replenishment' },
};

describe('accessDeniedMessage', () => {
  it('words an implicit deny as AWS does: principal, action, resource, no identity-based policy', () => {
    // Act
    const message = accessDeniedMessage(denied({}));

    // Assess
    expect(message).toBe(
      `User: ${principalArn} is not authorized to perform: dynamodb:PutItem on resource: ${orders} ` +
        'because no identity-based policy allows the dynamodb:PutItem action',
    );
  });

  it('words explicit denies by the policy type that denied', () => {
    // Act
    const identity = accessDeniedMessage(denied({ decision: Decision.ExplicitDeny }));
    const resource = accessDeniedMessage(denied({ decision: Decision.ExplicitDeny, deniedBy: DenyingPolicyType.Resource }));
    const boundary = accessDeniedMessage(denied({ deniedBy: DenyingPolicyType.PermissionsBoundary }));

    // Assess
    expect(identity).toMatch(/on resource: \S+ with an explicit deny in an identity-based policy$/);
    expect(resource).toMatch(/with an explicit deny in a resource-based policy$/);
    expect(boundary).toMatch(/because no permissions boundary allows the dynamodb:PutItem action$/);
  });

  it('refuses to word an allowed request', () => {
    // Act / Assess
    expect(() => accessDeniedMessage(denied({ decision: Decision.Allow }))).toThrow(TypeError);
  });
});

describe('explainDenial', () => {
  it('names the missing statement and the statement that points at the wrong table', () => {
    // Act
    const line = explainDenial(denied({ nearMisses: [writeReplenishment] }));

    // Assess
    expect(line).toBe(
      `no statement allows it; missing {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"${orders}"}; ` +
        'nearest: statement "WriteReplenishment" (#3) of inline policy "consumer" allows dynamodb:PutItem on ' +
        'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-replenishment',
    );
  });

  it('names the denying statement of an explicit deny', () => {
    // Act
    const line = explainDenial(
      denied({ decision: Decision.ExplicitDeny, denyingStatements: [{ ...writeReplenishment, sid: undefined, index: 7, policyKind: PolicyKind.AwsManaged, policyName: 'Guard' }] }),
    );

    // Assess
    expect(line).toBe('explicitly denied by statement #7 of AWS managed policy "Guard"');
  });
});

describe('missingStatement / describeStatement', () => {
  it('builds the statement and the reference', () => {
    // Act / Assess
    expect(missingStatement({ action: 'dynamodb:Query', resource: `${orders}/index/byDate` })).toEqual({
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: `${orders}/index/byDate`,
    });
    expect(describeStatement({ ...writeReplenishment, policyKind: PolicyKind.Managed })).toBe('statement "WriteReplenishment" (#3) of managed policy "consumer"');
  });
});
