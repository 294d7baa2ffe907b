import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidResourceError, TableDefinitionMismatchError, TableNotProvisionedError, UnsupportedAttributeError } from '../errors';
import { fixtureDocument, indexedTable, streamTable, uniquePrefix } from '../../testing/terraform-fixtures';
import { provisionTables } from './provision-tables';
import { readTableDefinitions } from './table-definition';

const client = new DynamoDBClient({});
afterAll(() => client.destroy());

describe('provisionTables', () => {
  it('creates every table of the synth with its keys, indexes and stream', async () => {
    // Prepare
    const prefix = uniquePrefix();
    const synth = fixtureDocument({
      aws_dynamodb_table: { products: streamTable(`${prefix}-products`), replenishment: indexedTable(`${prefix}-replenishment`) },
    });

    // Act
    const tables = await provisionTables(client, readTableDefinitions(synth), synth.region());

    // Assess
    const products = tables.find((t) => t.address === 'aws_dynamodb_table.products');
    expect(products).toMatchObject({
      tableName: `${prefix}-products`,
      tableArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${prefix}-products`,
      created: true,
      stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(products?.stream?.arn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/${prefix}-products/stream/${products?.stream?.label}`);
    expect(products?.stream?.localArn).toContain(':ddblocal:');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: `${prefix}-replenishment` }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'replenishmentId', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byProductId',
      KeySchema: [
        { AttributeName: 'productId', KeyType: 'HASH' },
        { AttributeName: 'createdAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    expect(Table?.StreamSpecification).toBeUndefined();
    expect(readTableDefinitions(synth)[0]?.inert.map((i) => i.attribute)).toEqual(['point_in_time_recovery', 'server_side_encryption']);
  });

  it('is a no-op when run again on the same synth', async () => {
    // Prepare
    const synth = fixtureDocument({ aws_dynamodb_table: { products: streamTable(`${uniquePrefix()}-products`) } });
    const [first] = await provisionTables(client, readTableDefinitions(synth), synth.region());

    // Act
    const [second] = await provisionTables(client, readTableDefinitions(synth), synth.region());

    // Assess
    expect(second).toEqual({ ...first, created: false });
  });

  it('only checks, creating nothing, for a tool that joins a running stack (createMissing: false)', async () => {
    // Prepare
    const prefix = uniquePrefix();
    const present = fixtureDocument({ aws_dynamodb_table: { products: streamTable(`${prefix}-products`) } });
    const [made] = await provisionTables(client, readTableDefinitions(present), present.region());
    const other = fixtureDocument({ aws_dynamodb_table: { products: streamTable(`${prefix}-products`), orders: streamTable(`${prefix}-orders`) } });

    // Act
    const [checked] = await provisionTables(client, readTableDefinitions(present), present.region(), { createMissing: false });
    const missing = provisionTables(client, readTableDefinitions(other), other.region(), { createMissing: false });

    // Assess
    expect(checked).toEqual({ ...made, created: false });
    await expect(missing).rejects.toThrow(TableNotProvisionedError);
    await expect(client.send(new DescribeTableCommand({ TableName: `${prefix}-orders` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses a changed definition, lists the differences and changes nothing', async () => {
    // Prepare
    const prefix = uniquePrefix();
    const before = fixtureDocument({ aws_dynamodb_table: { replenishment: indexedTable(`${prefix}-replenishment`) } });
    await provisionTables(client, readTableDefinitions(before), before.region());
    const after = fixtureDocument({
      aws_dynamodb_table: {
        replenishment: indexedTable(`${prefix}-replenishment`, {
          stream_enabled: true,
          stream_view_type: 'KEYS_ONLY',
          global_secondary_index: [{ name: 'byProductId', hash_key: 'productId', projection_type: 'KEYS_ONLY' }],
          attribute: [
            { name: 'replenishmentId', type: 'S' },
            { name: 'productId', type: 'S' },
          ],
        }),
      },
    });

    // Act
    const attempt = provisionTables(client, readTableDefinitions(after), after.region());

    // Assess
    await expect(attempt).rejects.toThrow(TableDefinitionMismatchError);
    await expect(attempt).rejects.toMatchObject({
      differences: [
        'global secondary index byProductId key schema: declared productId HASH, found productId HASH, createdAt RANGE',
        'global secondary index byProductId projection: declared KEYS_ONLY, found ALL',
        'global secondary index openByCreatedAt exists but is not declared',
        'stream: declared KEYS_ONLY, found disabled',
      ],
    });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: `${prefix}-replenishment` }));
    expect(Table?.StreamSpecification).toBeUndefined();
  });

  it('refuses table names that DynamoDB Local would confuse (it ignores case)', async () => {
    // Prepare
    const prefix = uniquePrefix();
    const inSynth = fixtureDocument({ aws_dynamodb_table: { a: streamTable(`${prefix}-Products`), b: streamTable(`${prefix}-products`) } });
    const existing = fixtureDocument({ aws_dynamodb_table: { a: streamTable(`${prefix}-Orders`) } });
    await provisionTables(client, readTableDefinitions(existing), existing.region());
    const clashing = fixtureDocument({ aws_dynamodb_table: { a: streamTable(`${prefix}-orders`) } });

    // Act
    const twoInSynth = provisionTables(client, readTableDefinitions(inSynth), inSynth.region());
    const againstExisting = provisionTables(client, readTableDefinitions(clashing), clashing.region());

    // Assess
    await expect(twoInSynth).rejects.toThrow(InvalidResourceError);
    await expect(againstExisting).rejects.toThrow(`already holds "${prefix}-Orders"`);
  });
});

describe('readTableDefinitions', () => {
  it('refuses attributes it cannot emulate or does not know, naming them', () => {
    // Prepare
    const withReplica = fixtureDocument({ aws_dynamodb_table: { t: streamTable('x-table', { replica: [{ region_name: 'eu-west-1' }] }) } });
    const withUnknown = fixtureDocument({ aws_dynamodb_table: { t: streamTable('x-table', { brand_new_setting: true }) } });

    // Act & Assess
    expect(() => readTableDefinitions(withReplica)).toThrow(UnsupportedAttributeError);
    expect(() => readTableDefinitions(withReplica)).toThrow('aws_dynamodb_table.t: "replica" is not supported by the local stack: global tables need several regions');
    expect(() => readTableDefinitions(withUnknown)).toThrow('"brand_new_setting" is not supported');
  });

  it('refuses what CreateTable would refuse, before touching DynamoDB Local', () => {
    // Prepare
    const unusedAttribute = fixtureDocument({
      aws_dynamodb_table: { t: streamTable('x-table', { attribute: [{ name: 'productId', type: 'S' }, { name: 'stock', type: 'N' }] }) },
    });
    const streamWithoutView = fixtureDocument({ aws_dynamodb_table: { t: streamTable('x-table', { stream_view_type: undefined }) } });
    const referencedName = fixtureDocument({ aws_dynamodb_table: { t: streamTable('${var.table_name}') } });

    // Act & Assess
    expect(() => readTableDefinitions(unusedAttribute)).toThrow('attribute block(s) not used by any key: stock (AWS rejects them)');
    expect(() => readTableDefinitions(streamWithoutView)).toThrow('stream_enabled needs a stream_view_type');
    expect(() => readTableDefinitions(referencedName)).toThrow('table attributes must be literals');
  });
});
