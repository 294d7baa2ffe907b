import { Decision, evaluateAccess, PolicyKind, type PolicyStatement } from '@shop/shared-util-iam-policy';
import { LOCAL_AWS_ENVIRONMENT } from '@shop/shared-util-terraform-json';
import { createAuthorizer } from './authorizer';
import { decisionKey, LruCache } from './decision-cache';
import { mapDynamoDbRequest } from './operation-mapping';

const env = LOCAL_AWS_ENVIRONMENT;
const roleArn = 'arn:aws:iam::000000000000:role/shop-dev-orders-api';
const table = (name: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${name}`;
const policies = (...statements: PolicyStatement[]) => [{ name: 'orders-api', kind: PolicyKind.Inline, document: { Version: '2012-10-17', Statement: statements } }];
const put = (body: Record<string, unknown> = {}) => mapDynamoDbRequest('DynamoDB_20120810.PutItem', { TableName: 'orders', Item: { orderId: { S: 'o-1' } }, ...body }, env);

/** An authorizer whose evaluator is counted (the real one underneath). */
function counted(statements: PolicyStatement[], cacheSize?: number) {
  const evaluate = jest.fn(evaluateAccess);
  const authorizer = createAuthorizer({ roleArn, policies: policies(...statements), sessionName: 'fn' }, env, { evaluate, ...(cacheSize ? { cacheSize } : {}) });
  return { authorizer, evaluate };
}

describe('createAuthorizer decision cache', () => {
  const allowPut: PolicyStatement = { Sid: 'Put', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: table('orders') };

  it('evaluates the same request once, and answers it from the cache synchronously afterwards', async () => {
    // Prepare
    const { authorizer, evaluate } = counted([allowPut]);

    // Act
    const before = authorizer.authorizeCached(put());
    const first = await authorizer.authorize(put());
    const second = await authorizer.authorize(put({ Item: { orderId: { S: 'o-2' } } }));
    const cached = authorizer.authorizeCached(put());

    // Assess
    expect(before).toBeUndefined();
    expect(first.allowed).toBe(true);
    expect(second.allowed).toBe(true);
    expect(cached).toEqual(first);
    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(authorizer.evaluations).toBe(1);
  });

  it('evaluates concurrent identical requests once', async () => {
    // Prepare
    const { authorizer, evaluate } = counted([allowPut]);

    // Act
    const results = await Promise.all([authorizer.authorize(put()), authorizer.authorize(put()), authorizer.authorize(put())]);

    // Assess
    expect(results.map((r) => r.allowed)).toEqual([true, true, true]);
    expect(evaluate).toHaveBeenCalledTimes(1);
  });

  it('gives a request that differs only in a condition key the policy tests its own decision', async () => {
    // Prepare: PutItem allowed, but not returning the old item
    const { authorizer, evaluate } = counted([
      allowPut,
      { Sid: 'NoOldValues', Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: table('orders'), Condition: { StringEquals: { 'dynamodb:ReturnValues': 'ALL_OLD' } } },
    ]);

    // Act
    const plain = await authorizer.authorize(put());
    const allOld = await authorizer.authorize(put({ ReturnValues: 'ALL_OLD' }));
    const none = await authorizer.authorize(put({ ReturnValues: 'NONE' }));
    const cachedAllOld = authorizer.authorizeCached(put({ ReturnValues: 'ALL_OLD' }));
    const cachedPlain = authorizer.authorizeCached(put());

    // Assess
    expect(plain.allowed).toBe(true);
    expect(allOld).toMatchObject({ allowed: false, denial: { decision: Decision.ExplicitDeny, action: 'dynamodb:PutItem' } });
    expect(none.allowed).toBe(true);
    expect(cachedAllOld).toMatchObject({ allowed: false, denial: { decision: Decision.ExplicitDeny } });
    expect(cachedPlain?.allowed).toBe(true);
    expect(evaluate).toHaveBeenCalledTimes(3);
  });

  it('keeps a denial a denial: implicit and explicit denials are cached as such', async () => {
    // Prepare
    const { authorizer, evaluate } = counted([allowPut, { Sid: 'NoProducts', Effect: 'Deny', Action: 'dynamodb:*', Resource: table('products') }]);
    const onProducts = mapDynamoDbRequest('DynamoDB_20120810.PutItem', { TableName: 'products', Item: {} }, env);
    const get = mapDynamoDbRequest('DynamoDB_20120810.GetItem', { TableName: 'orders', Key: {} }, env);

    // Act
    const results = [await authorizer.authorize(onProducts), await authorizer.authorize(onProducts), authorizer.authorizeCached(onProducts)];
    const gets = [await authorizer.authorize(get), authorizer.authorizeCached(get)];

    // Assess
    expect(results.map((r) => [r?.allowed, r?.denial?.decision])).toEqual(Array(3).fill([false, Decision.ExplicitDeny]));
    expect(gets.map((r) => [r?.allowed, r?.denial?.decision])).toEqual(Array(2).fill([false, Decision.ImplicitDeny]));
    expect(evaluate).toHaveBeenCalledTimes(2);
  });

  it('denies a transaction whole from cached decisions when one member is denied', async () => {
    // Prepare
    const { authorizer } = counted([allowPut]);
    const transaction = mapDynamoDbRequest(
      'DynamoDB_20120810.TransactWriteItems',
      { TransactItems: [{ Put: { TableName: 'orders', Item: {} } }, { Put: { TableName: 'products', Item: {} } }] },
      env,
    );

    // Act
    const evaluated = await authorizer.authorize(transaction);
    const cached = authorizer.authorizeCached(transaction);

    // Assess
    expect(evaluated).toMatchObject({ allowed: false, denial: { resource: table('products') } });
    expect(cached).toEqual(evaluated);
  });

  it('evicts the least recently used decision beyond its size, and evaluates it again when asked', async () => {
    // Prepare
    const { authorizer, evaluate } = counted([allowPut], 2);
    const on = (name: string) => mapDynamoDbRequest('DynamoDB_20120810.PutItem', { TableName: name, Item: {} }, env);

    // Act
    await authorizer.authorize(on('orders'));
    await authorizer.authorize(on('products'));
    await authorizer.authorize(on('orders')); // refreshes orders
    await authorizer.authorize(on('replenishment')); // evicts products

    // Assess
    expect(authorizer.authorizeCached(on('orders'))?.allowed).toBe(true);
    expect(authorizer.authorizeCached(on('products'))).toBeUndefined();
    expect(evaluate).toHaveBeenCalledTimes(3);
  });

  it('does not cache a failed evaluation', async () => {
    // Prepare
    const evaluate = jest.fn(evaluateAccess).mockRejectedValueOnce(new Error('boom'));
    const authorizer = createAuthorizer({ roleArn, policies: policies(allowPut) }, env, { evaluate });

    // Act
    const failed = await authorizer.authorize(put()).catch((e: unknown) => e);
    const retried = await authorizer.authorize(put());

    // Assess
    expect(failed).toEqual(new Error('boom'));
    expect(retried.allowed).toBe(true);
    expect(evaluate).toHaveBeenCalledTimes(2);
  });
});

describe('decisionKey', () => {
  it('covers action, resource and every context key and value, in any key order, without forgeable separators', () => {
    // Act
    const keys = [
      decisionKey('dynamodb:PutItem', table('t'), {}),
      decisionKey('dynamodb:GetItem', table('t'), {}),
      decisionKey('dynamodb:PutItem', table('u'), {}),
      decisionKey('dynamodb:PutItem', table('t'), { 'dynamodb:ReturnValues': 'ALL_OLD' }),
      decisionKey('dynamodb:PutItem', table('t'), { 'dynamodb:ReturnValues': 'NONE' }),
      decisionKey('dynamodb:PutItem', table('t'), { 'dynamodb:Select': 'ALL_OLD' }),
      decisionKey('dynamodb:PutItem', table('t'), { a: 'x","b', b: 'y' }),
      decisionKey('dynamodb:PutItem', table('t'), { a: 'x', b: 'y' }),
      decisionKey('dynamodb:PutItem', table('t'), { 'dynamodb:LeadingKeys': ['k1', 'k2'] }),
      decisionKey('dynamodb:PutItem', table('t'), { 'dynamodb:LeadingKeys': ['k1,k2'] }),
    ];

    // Assess
    expect(new Set(keys).size).toBe(keys.length);
    expect(decisionKey('a', 'r', { x: '1', y: '2' })).toBe(decisionKey('a', 'r', { y: '2', x: '1' }));
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry at capacity', () => {
    // Prepare
    const cache = new LruCache<string, number>(2);

    // Act
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);

    // Assess
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.size]).toEqual([true, false, true, 2]);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('createAuthorizer with dynamodb:Attributes', () => {
  const products = table('products');
  const update = (names: Record<string, string>, expression: string) =>
    mapDynamoDbRequest(
      'DynamoDB_20120810.TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'replenishment', Item: { replenishmentId: { S: 'r-1' } } } },
          { Update: { TableName: 'products', Key: { productId: { S: 'p#1' } }, UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: { ':n': { N: '30' } } } },
        ],
      },
      env,
    );
  const consumer = [
    { Sid: 'Put', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: table('replenishment') },
    {
      Sid: 'RaiseOnOrder',
      Effect: 'Allow',
      Action: 'dynamodb:UpdateItem',
      Resource: products,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['productId', 'onOrder', 'version'] }, Null: { 'dynamodb:Attributes': 'false' } },
    },
  ] satisfies PolicyStatement[];

  it('allows a transaction whose update writes only the attributes the policy names, and denies one that writes stock', async () => {
    // Prepare
    const { authorizer } = counted(consumer);

    // Act
    const onOrder = await authorizer.authorize(update({ '#o': 'onOrder', '#v': 'version' }, 'SET #o = if_not_exists(#o, :n) + :n, #v = #v + :n'));
    const stock = await authorizer.authorize(update({ '#o': 'onOrder', '#s': 'stock' }, 'SET #o = #o + :n, #s = #s + :n'));

    // Assess
    expect(onOrder.allowed).toBe(true);
    expect(stock.allowed).toBe(false);
  });
});
