import { UnsupportedExpressionError } from './errors';
import { findReferences, leadingReference, referencesIn, singleReference, undeclaredReferences } from './references';

describe('referencesIn', () => {
  it('finds the references of every interpolation, with nested and quoted braces balanced', () => {
    // Act / Assess
    expect(referencesIn('${aws_sqs_queue.dlq.arn}/x').map((ref) => ref.expression)).toEqual(['aws_sqs_queue.dlq.arn']);
    expect(referencesIn('a ${jsonencode({ a = "}", b = aws_x.y.z })} b ${var.x}').map((ref) => ref.expression)).toEqual(['aws_x.y.z', 'var.x']);
  });

  it("treats $${ as Terraform's escape for a literal ${ and refuses an unterminated ${", () => {
    // Act / Assess
    expect(referencesIn('$${aws:username}')).toEqual([]);
    expect(referencesIn('b/$${aws:username}/${var.prefix}').map((ref) => ref.expression)).toEqual(['var.prefix']);
    expect(() => referencesIn('left ${aws_x.y.z')).toThrow(UnsupportedExpressionError);
  });
});

describe('singleReference / leadingReference', () => {
  it('takes a string that is one reference, or starts with one, apart', () => {
    // Act / Assess
    expect(singleReference('${aws_iam_role.r.arn}')?.address).toBe('aws_iam_role.r');
    expect(singleReference('${aws_iam_role.r.arn}/x')).toBeUndefined();
    expect(singleReference('arn:aws:iam::1:role/r')).toBeUndefined();
    expect(leadingReference('${aws_dynamodb_table.t.arn}/index/byProductId')).toMatchObject({ reference: { type: 'aws_dynamodb_table', name: 't', attribute: 'arn' }, rest: '/index/byProductId' });
    expect(leadingReference('${aws_dynamodb_table.t.arn}/${var.x}')).toBeUndefined();
    expect(leadingReference('x/${aws_dynamodb_table.t.arn}')).toBeUndefined();
    expect(leadingReference(42)).toBeUndefined();
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

  it('ignores language objects, quoted text inside expressions and CDKTF metadata', () => {
    const json = {
      resource: { aws_sqs_queue: { q: { '//': { note: '${aws_meta.x.y}' }, name: '${count.index}-${each.key}-${path.module}-${upper("aws_fake.thing")}' } } },
    };
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
