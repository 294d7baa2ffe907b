import { Decision, PolicyKind, type PolicyStatement } from '@shop/shared-util-iam-policy';
import { LOCAL_AWS_ENVIRONMENT } from '@shop/shared-util-terraform-json';
import { createAuthorizer } from './authorizer';
import { MalformedRequestError, UnsupportedOperationError } from './errors';
import { mapDynamoDbRequest } from './operation-mapping';

const env = LOCAL_AWS_ENVIRONMENT;
const table = (name: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${name}`;
const index = (name: string, indexName: string) => `${table(name)}/index/${indexName}`;
const label = '2026-11-27T01:45:16.334';
const stream = (name: string) => `${table(name)}/stream/${label}`;
const localStream = (name: string) => `arn:aws:dynamodb:ddblocal:000000000000:table/${name}/stream/${label}`;
const iterator = `${localStream('products')}|001|c2hhcmRJZC0wMDAwMDAwMQ==`;
const allow = (action: string | string[], resource: string | string[]): PolicyStatement => ({ Effect: 'Allow', Action: action, Resource: resource });

interface Case {
  readonly name: string;
  readonly target: string;
  readonly body: Record<string, unknown>;
  /** (action, resource) pairs in request order */
  readonly expected: readonly (readonly [string, string])[];
  readonly allowing: readonly PolicyStatement[];
  readonly denying: readonly PolicyStatement[];
  /** The (action, resource) AWS's message names for the deny case, and how it is denied. */
  readonly denial: readonly [string, string, Decision];
}

const D = 'DynamoDB_20120810.';
const S = 'DynamoDBStreams_20120810.';
const cases: readonly Case[] = [
  { name: 'GetItem', target: `${D}GetItem`, body: { TableName: 'orders', Key: {} }, expected: [['dynamodb:GetItem', table('orders')]], allowing: [allow('dynamodb:GetItem', table('orders'))], denying: [allow('dynamodb:GetItem', table('products'))], denial: ['dynamodb:GetItem', table('orders'), Decision.ImplicitDeny] },
  { name: 'PutItem', target: `${D}PutItem`, body: { TableName: 'replenishment', Item: {} }, expected: [['dynamodb:PutItem', table('replenishment')]], allowing: [allow('dynamodb:PutItem', table('replenishment'))], denying: [allow('dynamodb:PutItem', table('orders'))], denial: ['dynamodb:PutItem', table('replenishment'), Decision.ImplicitDeny] },
  { name: 'UpdateItem', target: `${D}UpdateItem`, body: { TableName: 'products', Key: {}, ReturnValues: 'ALL_NEW' }, expected: [['dynamodb:UpdateItem', table('products')]], allowing: [allow('dynamodb:UpdateItem', table('products'))], denying: [allow('dynamodb:GetItem', table('products'))], denial: ['dynamodb:UpdateItem', table('products'), Decision.ImplicitDeny] },
  { name: 'DeleteItem', target: `${D}DeleteItem`, body: { TableName: 'orders', Key: {} }, expected: [['dynamodb:DeleteItem', table('orders')]], allowing: [allow('dynamodb:DeleteItem', table('orders'))], denying: [allow('dynamodb:*', '*'), { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: '*' }], denial: ['dynamodb:DeleteItem', table('orders'), Decision.ExplicitDeny] },
  { name: 'Query on a table', target: `${D}Query`, body: { TableName: 'replenishment', KeyConditionExpression: 'k = :k' }, expected: [['dynamodb:Query', table('replenishment')]], allowing: [allow('dynamodb:Query', table('replenishment'))], denying: [allow('dynamodb:Query', index('replenishment', 'byProductId'))], denial: ['dynamodb:Query', table('replenishment'), Decision.ImplicitDeny] },
  { name: 'Query on an index', target: `${D}Query`, body: { TableName: 'replenishment', IndexName: 'byProductId' }, expected: [['dynamodb:Query', index('replenishment', 'byProductId')]], allowing: [allow('dynamodb:Query', index('replenishment', 'byProductId'))], denying: [allow('dynamodb:Query', table('replenishment'))], denial: ['dynamodb:Query', index('replenishment', 'byProductId'), Decision.ImplicitDeny] },
  { name: 'Scan on a table', target: `${D}Scan`, body: { TableName: 'orders' }, expected: [['dynamodb:Scan', table('orders')]], allowing: [allow('dynamodb:Scan', table('orders'))], denying: [allow('dynamodb:Query', table('orders'))], denial: ['dynamodb:Scan', table('orders'), Decision.ImplicitDeny] },
  { name: 'Scan on an index', target: `${D}Scan`, body: { TableName: 'replenishment', IndexName: 'byProductId', Select: 'COUNT' }, expected: [['dynamodb:Scan', index('replenishment', 'byProductId')]], allowing: [allow('dynamodb:Scan', `${table('replenishment')}/index/*`)], denying: [allow('dynamodb:Scan', table('replenishment'))], denial: ['dynamodb:Scan', index('replenishment', 'byProductId'), Decision.ImplicitDeny] },
  { name: 'BatchGetItem', target: `${D}BatchGetItem`, body: { RequestItems: { orders: { Keys: [] }, products: { Keys: [] } } }, expected: [['dynamodb:BatchGetItem', table('orders')], ['dynamodb:BatchGetItem', table('products')]], allowing: [allow('dynamodb:BatchGetItem', [table('orders'), table('products')])], denying: [allow(['dynamodb:BatchGetItem'], table('orders')), allow('dynamodb:GetItem', table('products'))], denial: ['dynamodb:BatchGetItem', table('products'), Decision.ImplicitDeny] },
  { name: 'BatchWriteItem', target: `${D}BatchWriteItem`, body: { RequestItems: { orders: [], replenishment: [] } }, expected: [['dynamodb:BatchWriteItem', table('orders')], ['dynamodb:BatchWriteItem', table('replenishment')]], allowing: [allow('dynamodb:BatchWriteItem', [table('orders'), table('replenishment')])], denying: [allow(['dynamodb:PutItem', 'dynamodb:DeleteItem'], [table('orders'), table('replenishment')])], denial: ['dynamodb:BatchWriteItem', table('orders'), Decision.ImplicitDeny] },
  {
    name: 'TransactGetItems',
    target: `${D}TransactGetItems`,
    body: { TransactItems: [{ Get: { TableName: 'orders', Key: {} } }, { Get: { TableName: 'products', Key: {} } }] },
    expected: [['dynamodb:GetItem', table('orders')], ['dynamodb:GetItem', table('products')]],
    allowing: [allow('dynamodb:GetItem', [table('orders'), table('products')])],
    denying: [allow('dynamodb:GetItem', table('orders'))],
    denial: ['dynamodb:GetItem', table('products'), Decision.ImplicitDeny],
  },
  {
    name: 'TransactWriteItems',
    target: `${D}TransactWriteItems`,
    body: {
      TransactItems: [
        { Update: { TableName: 'products', Key: {} } },
        { Put: { TableName: 'orders', Item: {} } },
        { Delete: { TableName: 'orders', Key: {} } },
        { ConditionCheck: { TableName: 'replenishment', Key: {} } },
      ],
    },
    expected: [['dynamodb:UpdateItem', table('products')], ['dynamodb:PutItem', table('orders')], ['dynamodb:DeleteItem', table('orders')], ['dynamodb:ConditionCheckItem', table('replenishment')]],
    allowing: [allow('dynamodb:UpdateItem', table('products')), allow(['dynamodb:PutItem', 'dynamodb:DeleteItem'], table('orders')), allow('dynamodb:ConditionCheckItem', table('replenishment'))],
    denying: [allow('dynamodb:UpdateItem', table('products')), allow(['dynamodb:PutItem', 'dynamodb:DeleteItem'], table('orders')), allow('dynamodb:GetItem', table('replenishment'))],
    denial: ['dynamodb:ConditionCheckItem', table('replenishment'), Decision.ImplicitDeny],
  },
  { name: 'DescribeStream', target: `${S}DescribeStream`, body: { StreamArn: localStream('products') }, expected: [['dynamodb:DescribeStream', stream('products')]], allowing: [allow('dynamodb:DescribeStream', stream('products'))], denying: [allow('dynamodb:DescribeStream', stream('orders'))], denial: ['dynamodb:DescribeStream', stream('products'), Decision.ImplicitDeny] },
  { name: 'GetShardIterator', target: `${S}GetShardIterator`, body: { StreamArn: localStream('products'), ShardId: 's', ShardIteratorType: 'TRIM_HORIZON' }, expected: [['dynamodb:GetShardIterator', stream('products')]], allowing: [allow('dynamodb:GetShardIterator', `${table('products')}/stream/*`)], denying: [allow('dynamodb:GetShardIterator', table('products'))], denial: ['dynamodb:GetShardIterator', stream('products'), Decision.ImplicitDeny] },
  { name: 'GetRecords', target: `${S}GetRecords`, body: { ShardIterator: iterator, Limit: 100 }, expected: [['dynamodb:GetRecords', stream('products')]], allowing: [allow('dynamodb:GetRecords', stream('products'))], denying: [allow('dynamodb:GetShardIterator', stream('products'))], denial: ['dynamodb:GetRecords', stream('products'), Decision.ImplicitDeny] },
  { name: 'ListStreams', target: `${S}ListStreams`, body: { TableName: 'products' }, expected: [['dynamodb:ListStreams', '*']], allowing: [allow('dynamodb:ListStreams', '*')], denying: [allow('dynamodb:ListStreams', stream('products'))], denial: ['dynamodb:ListStreams', '*', Decision.ImplicitDeny] },
];

const authorizerWith = (statements: readonly PolicyStatement[]) =>
  createAuthorizer(
    { roleArn: 'arn:aws:iam::000000000000:role/shop-dev-fn', sessionName: 'shop-dev-fn', policies: [{ name: 'data', kind: PolicyKind.Inline, document: { Version: '2012-10-17', Statement: [...statements] } }] },
    env,
  );

describe('mapDynamoDbRequest', () => {
  describe.each(cases)('$name', ({ target, body, expected, allowing, denying, denial }) => {
    it('maps to the actions and resources AWS authorizes', () => {
      // Act
      const mapped = mapDynamoDbRequest(target, body, env);

      // Assess
      expect(mapped.requirements.map((r) => [r.action, r.resource])).toEqual(expected);
    });

    it('is allowed by a policy that grants exactly that', async () => {
      // Act
      const result = await authorizerWith(allowing).authorize(mapDynamoDbRequest(target, body, env));

      // Assess
      expect(result.allowed).toBe(true);
      expect(result.evaluations.map((e) => e.decision)).toEqual(expected.map(() => Decision.Allow));
    });

    it('is denied by a policy that misses it, naming the denied action and resource', async () => {
      // Act
      const result = await authorizerWith(denying).authorize(mapDynamoDbRequest(target, body, env));

      // Assess
      expect(result.allowed).toBe(false);
      expect([result.denial?.action, result.denial?.resource, result.denial?.decision]).toEqual(denial);
    });
  });

  it('puts request condition keys and dynamodb:EnclosingOperation in the context', () => {
    // Act
    const update = mapDynamoDbRequest(`${D}UpdateItem`, { TableName: 'p', ReturnValues: 'ALL_NEW', ReturnConsumedCapacity: 'TOTAL' }, env);
    const transact = mapDynamoDbRequest(`${D}TransactWriteItems`, { TransactItems: [{ Put: { TableName: 'o' } }] }, env);

    // Assess
    expect(update.requirements[0]?.context).toEqual({ 'dynamodb:ReturnValues': 'ALL_NEW', 'dynamodb:ReturnConsumedCapacity': 'TOTAL' });
    expect(transact.requirements[0]).toMatchObject({ context: { 'dynamodb:EnclosingOperation': 'TransactWriteItems' }, source: 'TransactItems[0].Put' });
  });

  it('accepts a table ARN as TableName and keeps the ARN it names', () => {
    // Act
    const mapped = mapDynamoDbRequest(`${D}GetItem`, { TableName: 'arn:aws:dynamodb:eu-west-1:111122223333:table/other' }, env);

    // Assess
    expect(mapped.requirements[0]?.resource).toBe('arn:aws:dynamodb:eu-west-1:111122223333:table/other');
  });

  it('reads a number or boolean where a name is expected as DynamoDB Local does: as that name', () => {
    // Act
    const put = mapDynamoDbRequest(`${D}PutItem`, { TableName: 12345, Item: {} }, env);
    const query = mapDynamoDbRequest(`${D}Query`, { TableName: 'r', IndexName: 678 }, env);

    // Assess
    expect(put.requirements[0]?.resource).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/12345');
    expect(query.requirements[0]?.resource).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/r/index/678');
    expect(() => mapDynamoDbRequest(`${D}PutItem`, { TableName: { S: 't' } }, env)).toThrow(MalformedRequestError);
  });

  it('refuses operations it cannot map and requests AWS would reject before authorizing', () => {
    // Act / Assess
    expect(() => mapDynamoDbRequest(`${D}ExecuteStatement`, { Statement: 'SELECT * FROM t' }, env)).toThrow(UnsupportedOperationError);
    expect(() => mapDynamoDbRequest('Kinesis_20131202.PutRecord', {}, env)).toThrow(UnsupportedOperationError);
    expect(() => mapDynamoDbRequest(`${D}toString`, {}, env)).toThrow(UnsupportedOperationError);
    expect(() => mapDynamoDbRequest(`${D}PutItem`, { Item: {} }, env)).toThrow(MalformedRequestError);
    expect(() => mapDynamoDbRequest(`${D}TransactWriteItems`, { TransactItems: [{ Put: { TableName: 'a' }, Delete: { TableName: 'a' } }] }, env)).toThrow(/exactly one of/);
    expect(() => mapDynamoDbRequest(`${S}GetRecords`, { ShardIterator: 'garbage' }, env)).toThrow(/does not name a stream/);
    expect(() => mapDynamoDbRequest(`${D}BatchGetItem`, { RequestItems: [] }, env)).toThrow(MalformedRequestError);
  });
});
