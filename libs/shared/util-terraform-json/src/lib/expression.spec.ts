import { UnresolvableReferenceError, UnsupportedExpressionError } from './errors';
import { chainResolvers, evaluateTerraformString, evaluateTerraformValue, hasInterpolation, isSingleInterpolation, type TerraformReferenceResolver } from './expression';
import { parseTemplate, type TerraformReference } from './template';

const values: Record<string, string> = {
  'aws_dynamodb_table.products.arn': 'arn:aws:dynamodb:us-east-1:000000000000:table/products',
  'data.aws_region.current.name': 'us-east-1',
  'aws_kms_key.Nested_key_1A2B.arn': 'arn:aws:kms:us-east-1:000000000000:key/k',
};
const resolve: TerraformReferenceResolver = (ref) => values[ref.expression];

describe('evaluateTerraformString', () => {
  it('keeps literals, resolves a lone reference and concatenates templates', () => {
    // Act / Assess
    expect(evaluateTerraformString('plain text', resolve)).toBe('plain text');
    expect(evaluateTerraformString('${aws_dynamodb_table.products.arn}', resolve)).toBe(values['aws_dynamodb_table.products.arn']);
    expect(evaluateTerraformString('${aws_dynamodb_table.products.arn}/index/byProductId', resolve)).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/products/index/byProductId',
    );
    expect(evaluateTerraformString('arn:aws:logs:${ data.aws_region.current.name }:x', resolve)).toBe('arn:aws:logs:us-east-1:x');
  });

  it('turns $${ into a literal ${ (IAM policy variables in JSON policies)', () => {
    // Act / Assess
    expect(evaluateTerraformString('{"Resource":"arn:aws:s3:::b/$${aws:username}/*"}', resolve)).toBe('{"Resource":"arn:aws:s3:::b/${aws:username}/*"}');
  });

  it("evaluates CDKTF's Fn.jsonencode output: HCL objects, tuples, bare references, nested templates, numbers, booleans", () => {
    // Prepare: exactly what `Fn.jsonencode` synthesizes to
    const source =
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["kms:Decrypt"], ' +
      '"Resource" = ["${aws_dynamodb_table.products.arn}/index/*", aws_kms_key.Nested_key_1A2B.arn], ' +
      '"Condition" = {"NumericLessThan" = {"x:y" = 5}, "Bool" = {"aws:SecureTransport" = true}, "Null" = {"k" = null}}}]})}';

    // Act
    const json = evaluateTerraformString(source, resolve);

    // Assess
    expect(JSON.parse(json as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: [`${values['aws_dynamodb_table.products.arn']}/index/*`, values['aws_kms_key.Nested_key_1A2B.arn']],
          Condition: { NumericLessThan: { 'x:y': 5 }, Bool: { 'aws:SecureTransport': true }, Null: { k: null } },
        },
      ],
    });
  });

  it('decodes escapes inside quoted strings', () => {
    // Act / Assess
    expect(evaluateTerraformString('${jsonencode({"a" = "q\\"t\\\\n\\n\\u00e9"})}', resolve)).toBe(JSON.stringify({ a: 'q"t\\n\né' }));
  });

  it('rejects what it does not evaluate, saying where', () => {
    // Act / Assess
    expect(() => evaluateTerraformString('${join(",", ["a"])}', resolve)).toThrow(/function join\(\) is not supported/);
    expect(() => evaluateTerraformString('${aws_x.y.count + 1}', resolve)).toThrow(UnsupportedExpressionError);
    expect(() => evaluateTerraformString('${aws_x.y[0].arn}', resolve)).toThrow(/index traversals/);
    expect(() => evaluateTerraformString('%{ if true }x%{ endif }', resolve)).toThrow(/directives/);
    expect(() => evaluateTerraformString('${jsonencode({"a" = "unterminated})}', resolve)).toThrow(/unterminated string/);
    expect(() => evaluateTerraformString('${jsonencode("a", "b")}', resolve)).toThrow(/exactly one argument/);
    expect(() => evaluateTerraformString('left ${aws_x.y.z', resolve)).toThrow(/expected "}"/);
    expect(() => evaluateTerraformString('${aws_sqs_queue.unknown.arn}', resolve)).toThrow(UnresolvableReferenceError);
  });
});

describe('parseTemplate', () => {
  it('classifies references by kind and address', () => {
    // Act
    const refs = ['${aws_iam_role.r.arn}', '${data.aws_iam_policy_document.d.json}', '${var.stage}', '${local.suffix}', '${each.key}'].map((s) => {
      const parsed = parseTemplate(s);
      return parsed.kind === 'template' && typeof parsed.parts[0] === 'object' && parsed.parts[0].kind === 'reference' ? parsed.parts[0].reference : undefined;
    });

    // Assess
    expect(refs).toEqual<(TerraformReference | undefined)[]>([
      { expression: 'aws_iam_role.r.arn', kind: 'resource', address: 'aws_iam_role.r', type: 'aws_iam_role', name: 'r', attribute: 'arn' },
      { expression: 'data.aws_iam_policy_document.d.json', kind: 'data', address: 'data.aws_iam_policy_document.d', type: 'aws_iam_policy_document', name: 'd', attribute: 'json' },
      { expression: 'var.stage', kind: 'var', address: 'var.stage', type: 'var', name: 'stage', attribute: '' },
      { expression: 'local.suffix', kind: 'local', address: 'local.suffix', type: 'local', name: 'suffix', attribute: '' },
      { expression: 'each.key', kind: 'other', address: 'each.key', type: 'each', name: 'key', attribute: '' },
    ]);
  });
});

describe('evaluateTerraformValue / chainResolvers', () => {
  it('evaluates nested values, drops // metadata and asks resolvers in order', () => {
    // Prepare
    const first: TerraformReferenceResolver = (ref) => (ref.name === 'products' ? 'from-first' : undefined);

    // Act
    const value = evaluateTerraformValue({ '//': { metadata: 1 }, list: ['${aws_dynamodb_table.products.arn}', 2, true, null] }, chainResolvers(first, resolve));

    // Assess
    expect(value).toEqual({ list: ['from-first', 2, true, null] });
  });
});

describe('hasInterpolation', () => {
  it("finds interpolations anywhere in a value, and not Terraform's $${ escape", () => {
    // Act / Assess
    expect(hasInterpolation('price: $${amount}')).toBe(false);
    expect(hasInterpolation({ a: [1, '${aws_x.y.z}'] })).toBe(true);
    expect(hasInterpolation({ a: ['plain', null, 2] })).toBe(false);
    expect(() => hasInterpolation('${upper(}')).toThrow(UnsupportedExpressionError);
  });

  it('tells a string that is one expression from text around one', () => {
    // Act / Assess
    expect(isSingleInterpolation('${jsonencode({"widgets" = [["AWS/SQS", aws_sqs_queue.q.name]]})}')).toBe(true);
    expect(isSingleInterpolation('x ${jsonencode({"a" = aws_sqs_queue.q.name})}')).toBe(false);
    expect(isSingleInterpolation('${aws_sqs_queue.q.arn}/*')).toBe(false);
    expect(isSingleInterpolation('$${aws:username}')).toBe(false);
    expect(isSingleInterpolation('plain')).toBe(false);
  });
});
