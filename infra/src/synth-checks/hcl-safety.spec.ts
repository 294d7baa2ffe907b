import { hclUnsafeStrings } from './hcl-safety';

describe('hclUnsafeStrings', () => {
  it('flags a JSON string that contains a reference, which CDKTF renders as broken HCL, but not a string that is one expression', () => {
    // Prepare
    const json = {
      resource: {
        aws_iam_role_policy: { broken: { policy: '{"Resource":"${aws_dynamodb_table.orders.arn}"}' } },
        aws_sqs_queue: { fine: { name: 'q', tags: { format: '{"a":"$context.requestId"}', ref: '${aws_kms_key.k.arn}', escaped: '{"v":"$${aws:username}"}' } } },
        aws_cloudwatch_dashboard: {
          expression: { dashboard_body: '${jsonencode({"widgets" = [["AWS/SQS", aws_sqs_queue.q.name]]})}' },
          around: { dashboard_body: 'x ${jsonencode({"a" = aws_sqs_queue.q.name})}' },
        },
      },
    };

    // Act
    const unsafe = hclUnsafeStrings(json);

    // Assess
    expect(unsafe).toEqual([
      { path: 'resource.aws_iam_role_policy.broken.policy', value: '{"Resource":"${aws_dynamodb_table.orders.arn}"}' },
      { path: 'resource.aws_cloudwatch_dashboard.around.dashboard_body', value: 'x ${jsonencode({"a" = aws_sqs_queue.q.name})}' },
    ]);
  });
});
