import { readFileSync } from 'node:fs';
import type { TerraformJson } from '@shop/shared-util-terraform-json';
import { compareGrantsWithCalls, type ObservedCall } from './grants-and-calls';
import { STREAM_READ_STATEMENT, writeFixtureStack } from './stack-fixtures';
import { temporaryStackDirectory, uniquePrefix } from './terraform-fixtures';

const STREAM_LABEL = '2026-01-01T00:00:00.000';
const PRODUCTS = '${aws_dynamodb_table.products.arn}';

/** The fixture synth (one consumer function, a streamed products table) with these role statements. */
function fixtureSynth(statements: ReadonlyArray<Record<string, unknown>>): { synth: TerraformJson; products: string; functionName: string; policy: string } {
  const prefix = uniquePrefix('grants');
  const synthPath = writeFixtureStack({ prefix, stackDirectory: temporaryStackDirectory(), roleStatements: statements });
  return {
    synth: JSON.parse(readFileSync(synthPath, 'utf8')) as TerraformJson,
    products: `arn:aws:dynamodb:us-east-1:000000000000:table/${prefix}-products`,
    functionName: `${prefix}-consumer`,
    policy: `${prefix}-policy`,
  };
}

const readsStream = (functionName: string, products: string): ObservedCall[] =>
  ['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'].map((action) => ({
    functionName,
    action,
    resource: `${products}/stream/${STREAM_LABEL}`,
    context: {},
    allowed: true,
  }));
const call = (functionName: string, action: string, resource: string, context: ObservedCall['context'] = {}): ObservedCall => ({ functionName, action, resource, context, allowed: true });
const compare = (synth: TerraformJson, calls: readonly ObservedCall[]) => compareGrantsWithCalls(synth, calls, { streamLabel: () => STREAM_LABEL });

describe('compareGrantsWithCalls', () => {
  it('finds nothing to say when the role grants exactly what was called', async () => {
    // Prepare
    const { synth, products, functionName } = fixtureSynth([STREAM_READ_STATEMENT, { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: PRODUCTS }]);

    // Act
    const result = await compare(synth, [...readsStream(functionName, products), call(functionName, 'dynamodb:GetItem', products)]);

    // Assess
    expect(result).toEqual({ unused: [], ungranted: [] });
  });

  it('reports a grant no call used (a PutItem on products beside the UpdateItem the code makes), by resource and by statement', async () => {
    // Prepare
    const { synth, products, functionName, policy } = fixtureSynth([
      STREAM_READ_STATEMENT,
      { Sid: 'ProductsReadWrite', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: PRODUCTS },
    ]);
    const calls = [...readsStream(functionName, products), call(functionName, 'dynamodb:GetItem', products), call(functionName, 'dynamodb:UpdateItem', products)];

    // Act
    const result = await compare(synth, calls);

    // Assess
    expect(result).toEqual({
      unused: [
        `fixture_role (${functionName}): dynamodb:PutItem on ${products}`,
        `fixture_role (${functionName}): statement ProductsReadWrite of ${policy} grants dynamodb:PutItem`,
      ].sort(),
      ungranted: [],
    });
  });

  it('reports a grant wider than the calls: a wildcard action or resource shows up on every table action it allows', async () => {
    // Prepare
    const { synth, products, functionName } = fixtureSynth([STREAM_READ_STATEMENT, { Effect: 'Allow', Action: 'dynamodb:*Item', Resource: '*' }]);

    // Act
    const { unused } = await compare(synth, [...readsStream(functionName, products), call(functionName, 'dynamodb:GetItem', products)]);

    // Assess
    expect(unused).toEqual(expect.arrayContaining([`fixture_role (${functionName}): dynamodb:DeleteItem on ${products}`, `fixture_role (${functionName}): dynamodb:PutItem on ${products}`]));
    expect(unused).not.toContain(`fixture_role (${functionName}): dynamodb:GetItem on ${products}`);
  });

  it('reports a call the role is not granted, or that the proxy denied', async () => {
    // Prepare
    const { synth, products, functionName } = fixtureSynth([STREAM_READ_STATEMENT, { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: PRODUCTS }]);
    const calls = [...readsStream(functionName, products), call(functionName, 'dynamodb:GetItem', products), call(functionName, 'dynamodb:DeleteItem', products)];

    // Act
    const result = await compare(synth, calls);

    // Assess
    expect(result).toEqual({ unused: [], ungranted: [`fixture_role (${functionName}): dynamodb:DeleteItem on ${products}`] });
  });

  it('counts a grant with conditions as used by the calls whose condition keys it allows, and a call outside them as not granted', async () => {
    // Prepare: UpdateItem only when naming onOrder alone (as infra grants the consumer its product update)
    const condition = { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['productId', 'onOrder'] }, Null: { 'dynamodb:Attributes': 'false' } };
    const { synth, products, functionName } = fixtureSynth([STREAM_READ_STATEMENT, { Effect: 'Allow', Action: ['dynamodb:UpdateItem'], Resource: PRODUCTS, Condition: condition }]);
    const within = call(functionName, 'dynamodb:UpdateItem', products, { 'dynamodb:Attributes': ['productId', 'onOrder'] });
    const outside = call(functionName, 'dynamodb:UpdateItem', products, { 'dynamodb:Attributes': ['productId', 'stock'] });

    // Act
    const used = await compare(synth, [...readsStream(functionName, products), within]);
    const unusedGrant = await compare(synth, readsStream(functionName, products));
    const overreach = await compare(synth, [...readsStream(functionName, products), within, outside]);

    // Assess
    expect(used).toEqual({ unused: [], ungranted: [] });
    expect(unusedGrant.unused).toEqual([expect.stringMatching(/statement 2 of .* grants dynamodb:UpdateItem$/)]);
    expect(overreach.ungranted).toEqual([`fixture_role (${functionName}): dynamodb:UpdateItem on ${products}`]);
  });
});
