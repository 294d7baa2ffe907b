import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { ItemAccess, RequestCounter, subtractSnapshots } from './request-counter';

describe('RequestCounter', () => {
  let ddb: DynamoDbLocal;
  let counter: RequestCounter;
  const TABLE = 'counted';

  beforeAll(async () => {
    ddb = await startDynamoDbLocal();
    counter = await RequestCounter.start(ddb.endpoint);
  }, 120_000);

  afterAll(async () => {
    await counter?.stop();
    await ddb?.stop();
  });

  it('counts each caller (Host) by operation and item access, and passes requests and answers through unchanged', async () => {
    // Prepare: two callers, one through 127.0.0.1 and one through localhost (two Host headers, as two IAM proxies' ports would be)
    const port = new URL(counter.endpoint).port;
    const client = (host: string): DynamoDBClient => new DynamoDBClient({ endpoint: `http://${host}:${port}`, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const first = client('127.0.0.1');
    const second = client('localhost');
    try {
      await first.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }] }));
      const before = counter.snapshot();

      // Act: a put, a failed conditional put and a strong read from the first; a 2-item transaction from the second
      await first.send(new PutItemCommand({ TableName: TABLE, Item: { k: { S: 'a' }, n: { N: '1' } } }));
      await expect(first.send(new PutItemCommand({ TableName: TABLE, Item: { k: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(k)' }))).rejects.toThrow('conditional request failed');
      const read = await first.send(new GetItemCommand({ TableName: TABLE, Key: { k: { S: 'a' } }, ConsistentRead: true }));
      await second.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: TABLE, Item: { k: { S: 'b' } } } }, { Update: { TableName: TABLE, Key: { k: { S: 'a' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } } }],
        }),
      );
      const spent = subtractSnapshots(counter.snapshot(), before);

      // Assess: the answers came through intact (the SDK checks their CRC32), and each caller has its own counts
      expect(read.Item).toEqual({ k: { S: 'a' }, n: { N: '1' } });
      expect(spent[`127.0.0.1:${port}`]).toEqual({
        operations: { CreateTable: { requests: 0, failed: 0 }, PutItem: { requests: 2, failed: 1 }, GetItem: { requests: 1, failed: 0 } },
        items: { [`${TABLE}|${ItemAccess.Write}|k`]: 1, [`${TABLE}|${ItemAccess.Write}|k,n`]: 1, [`${TABLE}|${ItemAccess.StrongRead}|`]: 1 },
      });
      expect(spent[`localhost:${port}`]).toEqual({
        operations: { TransactWriteItems: { requests: 1, failed: 0 } },
        items: { [`${TABLE}|${ItemAccess.TransactionalWrite}|k`]: 1, [`${TABLE}|${ItemAccess.TransactionalWrite}|`]: 1 },
      });
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});
