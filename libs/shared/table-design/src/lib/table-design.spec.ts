import { keyAttributes, physicalTableName, ProductsTable, ReplenishmentTable, TABLES } from './table-design';

describe('table design', () => {
  it('puts the stream on the table that holds the stock', () => {
    // Assess
    expect(TABLES.filter((t) => 'stream' in t).map((t) => t.id)).toEqual(['products']);
    expect(ProductsTable.stream).toBe('NEW_AND_OLD_IMAGES');
  });

  it('lists every key attribute once, with index keys', () => {
    expect(keyAttributes(ReplenishmentTable)).toEqual([
      { name: 'replenishmentId', type: 'S' },
      { name: 'productId', type: 'S' },
      { name: 'createdAt', type: 'S' },
      { name: 'openStatus', type: 'S' },
    ]);
  });

  it('rejects a key attribute declared with two types', () => {
    const broken = {
      ...ReplenishmentTable,
      globalSecondaryIndexes: [{ indexName: 'x', partitionKey: { name: 'replenishmentId', type: 'N' as const }, projection: 'ALL' as const }],
    };
    expect(() => keyAttributes(broken)).toThrow('declared as S and N');
  });

  it('builds physical names from a stage prefix and refuses bad prefixes', () => {
    expect(physicalTableName('shop-dev', ProductsTable)).toBe('shop-dev-products');
    expect(() => physicalTableName('bad prefix', ProductsTable)).toThrow('Invalid table name prefix');
    expect(() => physicalTableName('', ProductsTable)).toThrow('Invalid table name prefix');
  });

  it('gives every table a distinct environment variable', () => {
    expect(new Set(TABLES.map((t) => t.envVar)).size).toBe(TABLES.length);
  });
});
