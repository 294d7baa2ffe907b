import { OrdersTable, ProductsTable, ReplenishmentTable } from './lib/table-design';
import { createTableInput, terraformTableBlock } from './testing';

describe('terraformTableBlock', () => {
  it('writes the replenishment table as infra synthesizes it: its key, the byProductId and sparse openByCreatedAt indexes and no stream', () => {
    // Act
    const block = terraformTableBlock(ReplenishmentTable, 'shop-dev-replenishment');

    // Assess
    expect(block).toEqual({
      name: 'shop-dev-replenishment',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'replenishmentId',
      attribute: [
        { name: 'replenishmentId', type: 'S' },
        { name: 'productId', type: 'S' },
        { name: 'createdAt', type: 'S' },
        { name: 'openStatus', type: 'S' },
      ],
      global_secondary_index: [
        { name: 'byProductId', hash_key: 'productId', range_key: 'createdAt', projection_type: 'ALL' },
        { name: 'openByCreatedAt', hash_key: 'openStatus', range_key: 'createdAt', projection_type: 'ALL' },
      ],
      stream_enabled: false,
    });
  });

  it('turns the stream on for the products table only', () => {
    // Act
    const streams = [ProductsTable, OrdersTable, ReplenishmentTable].map((table) => terraformTableBlock(table, table.baseName)).map((b) => [b.stream_enabled, b.stream_view_type]);

    // Assess
    expect(streams).toEqual([
      [true, 'NEW_AND_OLD_IMAGES'],
      [false, undefined],
      [false, undefined],
    ]);
  });
});

describe('createTableInput', () => {
  it('declares the same keys and indexes as the synthesized block', () => {
    // Act
    const input = createTableInput(ReplenishmentTable, 't-replenishment');

    // Assess
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName)).toEqual(terraformTableBlock(ReplenishmentTable, 'x').attribute.map((a) => a.name));
    expect(input.KeySchema).toEqual([{ AttributeName: 'replenishmentId', KeyType: 'HASH' }]);
    expect(input.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byProductId',
        KeySchema: [
          { AttributeName: 'productId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'openByCreatedAt',
        KeySchema: [
          { AttributeName: 'openStatus', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(input.StreamSpecification).toBeUndefined();
  });
});
