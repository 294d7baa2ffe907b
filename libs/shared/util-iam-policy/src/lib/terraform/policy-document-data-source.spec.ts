import { renderPolicyDocumentDataSource } from './policy-document-data-source';

describe('renderPolicyDocumentDataSource', () => {
  it('renders statements as the AWS provider does: Allow by default, single values unwrapped, principals and conditions', () => {
    // Act
    const document = renderPolicyDocumentDataSource('data.aws_iam_policy_document.x', {
      policy_id: 'p',
      statement: [
        { sid: 'Read', actions: ['dynamodb:GetItem'], resources: ['arn:t1', 'arn:t2'] },
        {
          effect: 'Deny',
          not_actions: ['s3:Get*'],
          not_resources: ['arn:b/&{aws:username}'],
          principals: [{ type: '*', identifiers: ['*'] }],
          condition: [
            { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
            { test: 'Bool', variable: 'aws:SecureTransport', values: ['0'] },
          ],
        },
        { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }, { type: 'AWS', identifiers: ['a', 'b'] }] },
      ],
    });

    // Assess
    expect(document).toEqual({
      Version: '2012-10-17',
      Id: 'p',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: ['arn:t1', 'arn:t2'] },
        {
          Effect: 'Deny',
          NotAction: 's3:Get*',
          NotResource: 'arn:b/${aws:username}',
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': ['false', '0'] } },
        },
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com', AWS: ['a', 'b'] } },
      ],
    });
  });

  it('merges source documents, own statements and overrides by Sid', () => {
    // Prepare
    const source = JSON.stringify({ Statement: [{ Sid: 'A', Effect: 'Allow', Action: 'a:One', Resource: '*' }, { Sid: 'B', Effect: 'Allow', Action: 'b:One', Resource: '*' }] });
    const override = JSON.stringify({ Statement: [{ Sid: 'B', Effect: 'Deny', Action: 'b:Three', Resource: '*' }] });

    // Act
    const document = renderPolicyDocumentDataSource('data.aws_iam_policy_document.x', {
      source_policy_documents: [source],
      override_policy_documents: [override],
      statement: [{ sid: 'A', actions: ['a:Two'], resources: ['*'] }, { actions: ['c:One'], resources: ['*'] }],
    });

    // Assess
    expect(document.Statement).toEqual([
      { Sid: 'A', Effect: 'Allow', Action: 'a:Two', Resource: '*' },
      { Sid: 'B', Effect: 'Deny', Action: 'b:Three', Resource: '*' },
      { Effect: 'Allow', Action: 'c:One', Resource: '*' },
    ]);
  });

  it('rejects malformed statements and sources, naming the data source', () => {
    // Act / Assess
    expect(() => renderPolicyDocumentDataSource('data.aws_iam_policy_document.x', { statement: ['nope'] })).toThrow(/data.aws_iam_policy_document.x: statement 1/);
    expect(() => renderPolicyDocumentDataSource('data.aws_iam_policy_document.x', { source_policy_documents: ['{'] })).toThrow(/not JSON/);
    expect(() => renderPolicyDocumentDataSource('data.aws_iam_policy_document.x', { statement: [{ actions: [1] }] })).toThrow(/expected a string/);
  });
});
