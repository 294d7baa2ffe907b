import { findReferences, interpolations, mapInterpolations, undeclaredReferences } from './references';

describe('interpolations', () => {
  it('finds each interpolation with nested and quoted braces balanced', () => {
    expect(interpolations('${aws_sqs_queue.dlq.arn}/x')).toEqual(['aws_sqs_queue.dlq.arn']);
    expect(interpolations('a ${jsonencode({ a = "}" })} b ${var.x}')).toEqual(['jsonencode({ a = "}" })', 'var.x']);
  });

  it("treats $${ as Terraform's escape for a literal ${ and keeps an unterminated ${ as text", () => {
    expect(mapInterpolations('b/$${aws:username}/${var.prefix}', () => 'p')).toBe('b/${aws:username}/p');
    expect(interpolations('$${aws:username}')).toEqual([]);
    expect(mapInterpolations('left ${aws_x.y.z', () => 'never')).toBe('left ${aws_x.y.z');
  });
});

describe('findReferences', () => {
  it('reports resource, data, var and local references with where they occur', () => {
    // Prepare
    const json = { resource: { aws_sns_topic: { alarms: { name: '${var.prefix}-${local.suffix}', kms_master_key_id: '${data.aws_kms_alias.sns.target_key_arn}' } } } };

    // Act
    const refs = findReferences(json).map((ref) => [ref.kind, ref.expression, ref.path]);

    // Assess
    expect(refs).toEqual([
      ['var', 'var.prefix', 'resource.aws_sns_topic.alarms.name'],
      ['local', 'local.suffix', 'resource.aws_sns_topic.alarms.name'],
      ['data', 'data.aws_kms_alias.sns.target_key_arn', 'resource.aws_sns_topic.alarms.kms_master_key_id'],
    ]);
  });

  it('ignores language objects and quoted text inside expressions', () => {
    const json = { resource: { aws_sqs_queue: { q: { name: '${count.index}-${each.key}-${path.module}-${upper("aws_fake.thing")}' } } } };
    expect(findReferences(json)).toEqual([]);
  });
});

describe('undeclaredReferences', () => {
  it('names each reference to something not declared, and nothing else', () => {
    // Prepare
    const json = {
      variable: { prefix: {} },
      data: { aws_region: { current: {} } },
      resource: {
        aws_dynamodb_table: { replenishment: { name: '${var.prefix}-replenishment' } },
        aws_iam_role_policy: {
          consumer: { policy: '${aws_dynamodb_table.replenishment.arn} ${aws_dynamodb_table.replenishment_table.arn} ${data.aws_region.current.region}' },
        },
        aws_sqs_queue: { q: { name: '${var.missing}${local.gone}${data.aws_region.here.region}' } },
      },
    };

    // Act
    const undeclared = undeclaredReferences(json).map((ref) => [ref.expression, ref.path]);

    // Assess
    expect(undeclared).toEqual([
      ['aws_dynamodb_table.replenishment_table.arn', 'resource.aws_iam_role_policy.consumer.policy'],
      ['var.missing', 'resource.aws_sqs_queue.q.name'],
      ['local.gone', 'resource.aws_sqs_queue.q.name'],
      ['data.aws_region.here.region', 'resource.aws_sqs_queue.q.name'],
    ]);
  });
});
