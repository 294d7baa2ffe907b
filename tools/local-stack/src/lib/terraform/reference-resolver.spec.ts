import { TerraformReferenceError } from '../errors';
import { ReferenceResolver } from './reference-resolver';

describe('ReferenceResolver', () => {
  const resolver = new ReferenceResolver();
  resolver.register('aws_dynamodb_table.products', { name: 'shop-dev-products', arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-products' });
  resolver.register('data.aws_caller_identity.current', { account_id: '000000000000' });

  it('resolves whole-string and embedded references, including data sources', () => {
    // Act & Assess
    expect(resolver.resolveString('${aws_dynamodb_table.products.name}', 'x')).toBe('shop-dev-products');
    expect(resolver.resolveString('${aws_dynamodb_table.products.arn}/index/*', 'x')).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-products/index/*');
    expect(resolver.resolveString('arn:aws:iam::${data.aws_caller_identity.current.account_id}:root', 'x')).toBe('arn:aws:iam::000000000000:root');
    expect(resolver.resolveDeep({ list: ['${aws_dynamodb_table.products.name}'], n: 1 }, 'x')).toEqual({ list: ['shop-dev-products'], n: 1 });
    expect(resolver.resolveString('${jsonencode([aws_dynamodb_table.products.name])}', 'x')).toBe('["shop-dev-products"]');
  });

  it("keeps Terraform's $${ escape as a literal ${", () => {
    expect(resolver.resolveString('price: $${amount}', 'x')).toBe('price: ${amount}');
  });

  it('refuses what it cannot resolve, naming the resource and the reason', () => {
    // Act & Assess
    expect(() => resolver.resolveString('${aws_sqs_queue.dlq.arn}', 'aws_lambda_function.api')).toThrow(
      'aws_lambda_function.api: cannot resolve "${aws_sqs_queue.dlq.arn}": aws_sqs_queue.dlq is not a resource the local stack creates',
    );
    expect(() => resolver.resolveString('${aws_dynamodb_table.products.hash_key}', 'x')).toThrow('has no attribute "hash_key" locally (known: name, arn)');
    expect(() => resolver.resolveString('${var.stage}', 'x')).toThrow(TerraformReferenceError);
    expect(() => resolver.resolveString('${upper(aws_dynamodb_table.products.name)}', 'x')).toThrow('function upper() is not supported');
    expect(() => resolver.resolveString('${local.suffix}', 'x')).toThrow('only references to resource and data source attributes');
    expect(() => resolver.resolveString('%{ if true }x%{ endif }', 'x')).toThrow('template directives');
    expect(() => resolver.resolveString('${true}', 'x')).toThrow('it is true, not a string');
  });
});
