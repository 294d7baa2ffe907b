import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { createTestTables, deleteTestTables, type TestTables } from '../testing';
import { createDocumentClient } from './client';

describe('createDocumentClient against DynamoDB Local', () => {
  const raw = new DynamoDBClient({});
  const documentClient = createDocumentClient();
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables(raw);
  });
  afterAll(async () => {
    await deleteTestTables(tables, raw);
    documentClient.destroy();
    raw.destroy();
  });

  it('finds DynamoDB Local through the standard AWS_ENDPOINT_URL_DYNAMODB variable alone', async () => {
    expect(process.env['AWS_ENDPOINT_URL_DYNAMODB']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await documentClient.send(new PutCommand({ TableName: tables.products, Item: { productId: 'p#1234', stock: 51, name: undefined } }));
    const read = await documentClient.send(new GetCommand({ TableName: tables.products, Key: { productId: 'p#1234' } }));
    expect(read.Item).toEqual({ productId: 'p#1234', stock: 51 });
  });

  it('creates tables as designed: the stream on products, the GSI on replenishment', async () => {
    const products = await raw.send(new DescribeTableCommand({ TableName: tables.products }));
    expect(products.Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    await documentClient.send(
      new PutCommand({ TableName: tables.replenishment, Item: { replenishmentId: 'r1', productId: 'p#1', createdAt: '2026-01-01T00:00:00.000Z' } }),
    );
    const byProduct = await documentClient.send(
      new QueryCommand({
        TableName: tables.replenishment,
        IndexName: 'byProductId',
        KeyConditionExpression: 'productId = :p',
        ExpressionAttributeValues: { ':p': 'p#1' },
      }),
    );
    expect(byProduct.Items?.map((i) => i['replenishmentId'])).toEqual(['r1']);
  });
});
