import path from 'node:path';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { ReferenceResolver } from '../terraform/reference-resolver';
import { fixtureArchive, lambdaFunction } from '../../testing/function-fixtures';
import { fixtureDocument, temporaryStackDirectory, type Block } from '../../testing/terraform-fixtures';
import { readFunctionDefinitions } from './function-definition';

const stackDirectory = temporaryStackDirectory();
const filename = fixtureArchive(stackDirectory, 'probe', 'runtime-probe.cjs');
const read = (overrides: Block = {}, variables: Record<string, string> = {}) => {
  const resolver = new ReferenceResolver();
  resolver.register('aws_dynamodb_table.products', { name: 'shop-dev-products' });
  const synth = fixtureDocument({ aws_lambda_function: { api: lambdaFunction('shop-dev-api', filename, variables, overrides) } }, { baseDirectory: stackDirectory });
  return { definitions: readFunctionDefinitions(synth, resolver, 'us-east-1'), resolver };
};

describe('readFunctionDefinitions', () => {
  it('reads a function with its environment resolved and its package found next to the synth', () => {
    // Act
    const { definitions, resolver } = read({ logging_config: { log_format: 'JSON', log_group: '${aws_cloudwatch_log_group.api.name}' }, tracing_config: { mode: 'Active' } }, {
      PRODUCTS_TABLE_NAME: '${aws_dynamodb_table.products.name}',
      POWERTOOLS_SERVICE_NAME: 'api',
    });

    // Assess
    expect(definitions[0]).toMatchObject({
      functionName: 'shop-dev-api',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:shop-dev-api',
      handler: 'main.handler',
      archivePath: path.join(stackDirectory, filename),
      timeoutSeconds: 10,
      memorySizeMb: 256,
      environment: { PRODUCTS_TABLE_NAME: 'shop-dev-products', POWERTOOLS_SERVICE_NAME: 'api' },
      logging: { format: 'JSON' },
    });
    expect(definitions[0]?.inert.map((i) => i.attribute)).toEqual(expect.arrayContaining(['tracing_config', 'architectures']));
    expect(resolver.attributesOf('aws_lambda_function.api')).toMatchObject({
      invoke_arn: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:shop-dev-api/invocations',
    });
  });

  it('refuses what Lambda or the local runtime cannot take', () => {
    // Act & Assess
    expect(() => read({}, { AWS_REGION: 'eu-west-1' })).toThrow('environment variable AWS_REGION is reserved by Lambda');
    expect(() => read({ runtime: 'python3.12' })).toThrow(UnsupportedAttributeError);
    expect(() => read({ layers: ['arn:aws:lambda:us-east-1:1:layer:x:1'] })).toThrow('"layers" is not supported');
    expect(() => read({ filename: 'assets/missing/archive.zip' })).toThrow('synthesize again');
    expect(() => read({ timeout: 901 })).toThrow(InvalidResourceError);
    expect(() => read({}, { QUEUE_URL: '${aws_sqs_queue.missing.url}' })).toThrow('aws_sqs_queue.missing is not a resource the local stack creates');
  });
});
