import { requestAttributes } from './request-attributes';

describe('requestAttributes', () => {
  it.each<[string, Parameters<typeof requestAttributes>[0], Record<string, unknown>, string[] | undefined]>([
    ['a put: the item', 'PutItem', { Item: { productId: { S: 'p' }, stock: { N: '1' } } }, ['productId', 'stock']],
    [
      'an update: the key and what the expression writes, placeholders resolved',
      'UpdateItem',
      { Key: { productId: { S: 'p' } }, UpdateExpression: 'SET #o = if_not_exists(#o, :zero) + :n, version = version + :one REMOVE #n', ExpressionAttributeNames: { '#o': 'onOrder', '#n': 'name' } },
      ['productId', 'onOrder', 'version', 'name'],
    ],
    ['an update of a nested path: its top-level attribute', 'UpdateItem', { Key: { id: { S: 'x' } }, UpdateExpression: 'SET address.city = :c, tags[0] = :t' }, ['id', 'address', 'tags']],
    ['a legacy AttributeUpdates', 'UpdateItem', { Key: { id: { S: 'x' } }, AttributeUpdates: { stock: { Action: 'ADD' } } }, ['id', 'stock']],
    ['a delete: the key', 'DeleteItem', { Key: { id: { S: 'x' } } }, ['id']],
    ['a get with a projection', 'GetItem', { Key: { id: { S: 'x' } }, ProjectionExpression: '#s, reorderThreshold', ExpressionAttributeNames: { '#s': 'stock' } }, ['id', 'stock', 'reorderThreshold']],
    ['a get without a projection: absent', 'GetItem', { Key: { id: { S: 'x' } } }, undefined],
    ['a query with AttributesToGet', 'Query', { AttributesToGet: ['a', 'b'] }, ['a', 'b']],
  ])('lists %s', (_case, operation, body, expected) => {
    // Act
    const attributes = requestAttributes(operation, body);

    // Assess
    expect(attributes).toEqual(expected);
  });

  it('does not count attributes only tested by a condition', () => {
    // Act
    const attributes = requestAttributes('UpdateItem', {
      Key: { productId: { S: 'p' } },
      UpdateExpression: 'SET #o = #o + :n',
      ConditionExpression: '#v = :seen AND attribute_exists(stock)',
      ExpressionAttributeNames: { '#o': 'onOrder', '#v': 'version' },
    });

    // Assess
    expect(attributes).toEqual(['productId', 'onOrder']);
  });
});
