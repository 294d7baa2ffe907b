import { conditionKeysUsed } from './condition-keys';
import { PolicyKind } from './constants';

describe('conditionKeysUsed', () => {
  it('lists every tested key with its statement', () => {
    // Act
    const keys = conditionKeysUsed([
      {
        name: 'p',
        kind: PolicyKind.Inline,
        document: {
          Statement: [
            { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' },
            { Sid: 'Own', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['a'], 'dynamodb:Attributes': ['b'] } } },
          ],
        },
      },
      { name: 'single', kind: PolicyKind.Managed, document: { Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } } } },
    ]);

    // Assess
    expect(keys).toEqual([
      { key: 'dynamodb:LeadingKeys', operator: 'ForAllValues:StringEquals', policyName: 'p', sid: 'Own', index: 2 },
      { key: 'dynamodb:Attributes', operator: 'ForAllValues:StringEquals', policyName: 'p', sid: 'Own', index: 2 },
      { key: 'aws:SecureTransport', operator: 'Bool', policyName: 'single', index: 1 },
    ]);
  });
});
