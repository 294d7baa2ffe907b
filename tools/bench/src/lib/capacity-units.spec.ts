import { capacityUnits, itemSizeBound, perOrders } from './capacity-units';
import { ItemAccess, itemTouches } from './request-counter';

describe('itemTouches', () => {
  it('reads a transaction member by member, and a put with the attribute names of its item', () => {
    // Act
    const touches = itemTouches('TransactWriteItems', {
      TransactItems: [{ Update: { TableName: 'products', Key: {} } }, { Put: { TableName: 'replenishment', Item: { id: { S: 'r' }, productId: { S: 'p' } } } }, { ConditionCheck: { TableName: 'products' } }],
    });

    // Assess
    expect(touches).toEqual([
      { table: 'products', access: ItemAccess.TransactionalWrite },
      { table: 'replenishment', access: ItemAccess.TransactionalWrite, putKeys: ['id', 'productId'] },
      { table: 'products', access: ItemAccess.TransactionalWrite },
    ]);
  });

  it('tells strongly from eventually consistent reads, and touches no item for stream reads', () => {
    expect(itemTouches('GetItem', { TableName: 't', ConsistentRead: true })).toEqual([{ table: 't', access: ItemAccess.StrongRead }]);
    expect(itemTouches('GetItem', { TableName: 't' })).toEqual([{ table: 't', access: ItemAccess.EventualRead }]);
    expect(itemTouches('GetRecords', { ShardIterator: 'x' })).toEqual([]);
  });
});

describe('itemSizeBound', () => {
  it('adds names and values, a number counting at most one byte per digit plus one', () => {
    expect(itemSizeBound({ productId: { S: 'p#1' }, stock: { N: '7' } })).toBe(9 + 3 + 5 + 2);
    expect(itemSizeBound({ m: { M: { a: { BOOL: true } } } })).toBe(1 + 3 + 1 + 1 + 1);
  });
});

describe('capacityUnits', () => {
  it('bills transactional writes double, index writes for puts that carry the index keys, and half a unit for eventual reads', () => {
    // Prepare: one caller that made one transaction (an update and a put with the index's key) and two reads
    const counts = {
      '127.0.0.1:4000': {
        operations: { TransactWriteItems: { requests: 1, failed: 0 }, GetItem: { requests: 2, failed: 0 } },
        items: {
          [`products|${ItemAccess.TransactionalWrite}|`]: 1,
          [`replenishment|${ItemAccess.TransactionalWrite}|id,productId`]: 1,
          [`products|${ItemAccess.StrongRead}|`]: 1,
          [`products|${ItemAccess.EventualRead}|`]: 1,
        },
      },
    };
    const facts = { products: { maxItemBytes: 1500, indexes: [] }, replenishment: { maxItemBytes: 200, indexes: [{ name: 'byProductId', keys: ['productId'] }, { name: 'other', keys: ['status'] }] } };

    // Act
    const [cost] = capacityUnits(counts, facts, { '127.0.0.1:4000': 'consumer' });

    // Assess: products items are 2 KB-units (1,500 B), so 2 × 2; replenishment 2 × 1; one index of two carried
    expect(cost).toEqual({ caller: 'consumer', requests: 3, operations: counts['127.0.0.1:4000'].operations, writeUnits: 6, indexWriteUnits: 1, readUnits: 1.5 });
    expect(perOrders([cost as NonNullable<typeof cost>], 10)[0]).toMatchObject({ requests: 300, writeUnits: 600, indexWriteUnits: 100, readUnits: 150 });
  });
});
