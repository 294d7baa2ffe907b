import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { PolicyKind } from '@shop/shared-util-iam-policy';
import { createProxyTestTables, recordingLogger, type ProxyTestTables } from '../testing/proxy-test-tables';
import { IamMode } from './constants';
import { startIamProxy, type IamProxy } from './iam-proxy';
import type { IamDecision } from './proxy/request-decision';

const directEndpoint = process.env['AWS_ENDPOINT_URL_DYNAMODB'] as string;
const direct = new DynamoDBClient({ endpoint: directEndpoint });
const arn = (table: string): string => `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`;
const roleArn = 'arn:aws:iam::000000000000:role/shop-dev-replenishment-consumer';

/** What onDecision was told, as (operation, [action on resource], allowed). */
const told = (decisions: readonly IamDecision[]) =>
  decisions.map(({ operation, allowed }) => ({ operation: operation.operation, calls: operation.requirements.map((r) => `${r.action} on ${r.resource}`), allowed }));

describe('startIamProxy: onDecision', () => {
  let tables: ProxyTestTables;
  const proxies: IamProxy[] = [];
  const start = async (mode: IamMode, decisions: IamDecision[]): Promise<DynamoDBClient> => {
    const proxy = await startIamProxy({
      target: directEndpoint,
      roleArn,
      mode,
      logger: recordingLogger(),
      policies: [{ name: 'consumer', kind: PolicyKind.Inline, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: arn(tables.names.replenishment) }] } }],
      onDecision: (decision) => decisions.push(decision),
    });
    proxies.push(proxy);
    return new DynamoDBClient({ endpoint: proxy.endpoint, maxAttempts: 1 });
  };
  const put = (table: string, id: string) => new PutItemCommand({ TableName: table, Item: { replenishmentId: { S: id }, productId: { S: id } } });

  beforeAll(async () => {
    tables = await createProxyTestTables(direct, 'decisions');
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
    await tables.delete();
    direct.destroy();
  });

  it('is told every decided request, allowed or denied, with every (action, resource) it needed', async () => {
    // Prepare
    const decisions: IamDecision[] = [];
    const client = await start(IamMode.Enforce, decisions);
    const { replenishment, products } = tables.names;

    // Act
    await client.send(put(replenishment, 'r#1'));
    await expect(client.send(put(products, 'p#1'))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: replenishment, Item: { replenishmentId: { S: 'r#2' } } } }, { Put: { TableName: products, Item: { productId: { S: 'p#2' } } } }] })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    client.destroy();

    // Assess
    expect(told(decisions)).toEqual([
      { operation: 'PutItem', calls: [`dynamodb:PutItem on ${arn(replenishment)}`], allowed: true },
      { operation: 'PutItem', calls: [`dynamodb:PutItem on ${arn(products)}`], allowed: false },
      { operation: 'TransactWriteItems', calls: [`dynamodb:PutItem on ${arn(replenishment)}`, `dynamodb:PutItem on ${arn(products)}`], allowed: false },
    ]);
  });

  it('in warn mode tells a request AWS would deny as not allowed, though it is forwarded', async () => {
    // Prepare
    const decisions: IamDecision[] = [];
    const client = await start(IamMode.Warn, decisions);

    // Act
    await client.send(put(tables.names.products, 'p#warn'));
    client.destroy();

    // Assess
    expect(told(decisions)).toEqual([{ operation: 'PutItem', calls: [`dynamodb:PutItem on ${arn(tables.names.products)}`], allowed: false }]);
  });
});
