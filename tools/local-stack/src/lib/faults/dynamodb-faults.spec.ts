import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand, TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { realSynthCopy } from '../../testing/real-synth';
import { InvalidFaultSettingError } from '../errors';
import { startLocalStack } from '../stack/local-stack';
import { seededRandom } from './fault-counters';
import { startDynamoDbFaultRelay, type DynamoDbFaultRelay } from './dynamodb-fault-relay';
import { describeDynamoDbFaultRule, parseDynamoDbFaultRule, planRequest, type DynamoDbFaultRule } from './dynamodb-fault-rules';
import { describeFaults, faultSettingsFromEnvironment, parseFaultSettings } from './fault-settings';

const endpoint = process.env['AWS_ENDPOINT_URL_DYNAMODB'] as string;
const table = `faults-${randomUUID()}`;
const direct = new DynamoDBClient({ endpoint });
let relay: DynamoDbFaultRelay | undefined;
const clients: DynamoDBClient[] = [];

/** A client of the relay in front of DynamoDB Local, with the SDK's standard retries (`maxAttempts`). */
async function relayed(specs: readonly string[], maxAttempts = 1, seed = 1): Promise<DynamoDBClient> {
  await relay?.stop();
  relay = await startDynamoDbFaultRelay({ functionName: 'fn', target: endpoint, rules: specs.map(parseDynamoDbFaultRule), random: seededRandom(seed) });
  const client = new DynamoDBClient({ endpoint: relay.endpoint, maxAttempts });
  clients.push(client);
  return client;
}

const put = (id: string) => new PutItemCommand({ TableName: table, Item: { id: { S: id } } });
const transaction = (id: string): TransactWriteItemsCommandInput => ({
  TransactItems: [
    { Put: { TableName: table, Item: { id: { S: `${id}-a` } } } },
    { Put: { TableName: table, Item: { id: { S: `${id}-b` } }, ConditionExpression: 'attribute_not_exists(id)' } },
  ],
});
/** The error a call fails with (and fails the test when it does not fail). */
async function failure(call: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number; attempts?: number }; $response?: { headers: Record<string, string> } }> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the call to fail');
  return outcome as never;
}

beforeAll(async () => {
  await direct.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
});
afterAll(async () => {
  await relay?.stop();
  await direct.send(new DeleteTableCommand({ TableName: table }));
  for (const client of [direct, ...clients]) client.destroy();
});

describe('--fault-dynamodb rules', () => {
  it('reads a rule, defaults and all, and writes it back as its flag', () => {
    // Act
    const rule = parseDynamoDbFaultRule('function=shop-dev-orders-api, operation=TransactWriteItems, error=ProvisionedThroughputExceededException, rate=0.3');
    const delay = parseDynamoDbFaultRule('delay-ms=400');

    // Assess
    expect(rule).toEqual({ functionName: 'shop-dev-orders-api', operation: 'TransactWriteItems', rate: 0.3, error: 'ProvisionedThroughputExceededException', delayMs: 0 });
    expect(delay).toEqual({ functionName: '*', operation: '*', rate: 1, error: undefined, delayMs: 400 });
    expect(describeDynamoDbFaultRule(rule)).toBe('--fault-dynamodb function=shop-dev-orders-api,operation=TransactWriteItems,error=ProvisionedThroughputExceededException,rate=0.3');
    const settings = faultSettingsFromEnvironment({ LOCAL_STACK_FAULT_DYNAMODB: 'error=InternalServerError,rate=0.05; delay-ms=100', LOCAL_STACK_FAULT_SEED: '9' });
    expect(describeFaults(settings)).toEqual(['--fault-dynamodb error=InternalServerError,rate=0.05', '--fault-dynamodb delay-ms=100', '--fault-seed 9']);
    expect(parseFaultSettings({ dynamodb: settings.dynamodb }).dynamodb).toEqual(settings.dynamodb);
  });

  it.each([
    ['error=Boom', 'unknown error "Boom"'],
    ['operation=GetThing,error=InternalServerError', 'unknown operation "GetThing"'],
    ['error=InternalServerError,rate=0', 'rate must be a number above 0'],
    ['error=InternalServerError,rate=1.5', 'rate must be a number above 0'],
    ['error=InternalServerError,delay-ms=5', 'exactly one of error=… or delay-ms=…'],
    ['rate=0.5', 'exactly one of error=… or delay-ms=…'],
    ['delay-ms=2.5', 'delay-ms must be an integer'],
    ['error=TransactionConflict', 'TransactionConflict needs operation=TransactWriteItems or operation=TransactGetItems'],
    ['operation=PutItem,error=TransactionInProgressException', 'needs operation=TransactWriteItems'],
    ['fn=x,error=InternalServerError', 'keys function, operation, error, rate, delay-ms'],
    ['error=InternalServerError,error=ThrottlingException', '"error" is given twice'],
  ])('refuses %s, naming the flag and the problem', (spec, problem) => {
    // Act & Assess
    expect(() => parseDynamoDbFaultRule(spec)).toThrow(InvalidFaultSettingError);
    expect(() => parseDynamoDbFaultRule(spec)).toThrow(`--fault-dynamodb cannot be "${spec}": `);
    expect(() => parseDynamoDbFaultRule(spec)).toThrow(problem);
  });

  it('refuses a rule naming a function the synth does not have before anything is created', async () => {
    // Prepare
    const { synthPath, tables } = realSynthCopy();

    // Act
    const start = startLocalStack({ synthPath, stateDirectory: temporaryStackDirectory(), dynamodbEndpoint: endpoint, faults: { dynamodb: ['function=shop-dev-nope,error=InternalServerError'] } });

    // Assess
    await expect(start).rejects.toThrow('--fault-dynamodb cannot be "--fault-dynamodb function=shop-dev-nope,error=InternalServerError": the synth has no function shop-dev-nope; it has shop-dev-');
    const existing = (await direct.send(new ListTablesCommand({}))).TableNames ?? [];
    expect(Object.values(tables).filter((name) => existing.includes(name))).toEqual([]);
  });

  it('answers the chosen share of requests with each error from one draw, and adds delays on their own draws', () => {
    // Prepare
    const rules: DynamoDbFaultRule[] = [
      parseDynamoDbFaultRule('error=ProvisionedThroughputExceededException,rate=0.3'),
      parseDynamoDbFaultRule('error=InternalServerError,rate=0.05'),
      parseDynamoDbFaultRule('operation=Query,delay-ms=50'),
    ];
    const random = seededRandom(5);

    // Act
    const plans = Array.from({ length: 20_000 }, () => planRequest(rules, 'GetItem', random));

    // Assess: within a percent of the rates; no delay for another operation
    const share = (error: string) => plans.filter((plan) => plan.error === error).length / plans.length;
    expect(share('ProvisionedThroughputExceededException')).toBeCloseTo(0.3, 1);
    expect(Math.abs(share('InternalServerError') - 0.05)).toBeLessThan(0.01);
    expect(plans.every((plan) => plan.delayMs === 0)).toBe(true);
    expect(planRequest(rules, 'Query', seededRandom(5)).delayMs).toBe(50);
  });
});

describe('the DynamoDB fault relay, in front of DynamoDB Local', () => {
  it('answers throttling in DynamoDB\'s wire format, which the SDK reads as AWS\'s own error, and lets other operations through', async () => {
    // Prepare
    const client = await relayed(['operation=PutItem,error=ProvisionedThroughputExceededException']);

    // Act
    const error = await failure(client.send(put('a')));
    const read = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'a' } } }));

    // Assess: nothing reached DynamoDB Local; the SDK saw AWS's status, type and headers
    expect(error.name).toBe('ProvisionedThroughputExceededException');
    expect(error.message).toMatch(/^Throughput exceeds the current capacity of your table or index/);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$response?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(error.$response?.headers['x-amzn-requestid']).toMatch(/^[0-9A-Z]{52}$/);
    expect(read.Item).toBeUndefined();
    expect(relay?.counts()).toEqual({ functionName: 'fn', requests: 2, delayedRequests: 0, injectedErrors: { ProvisionedThroughputExceededException: 1 } });
  });

  it('answers a 500 that the SDK\'s standard mode retries, and a 503 the same way', async () => {
    // Prepare
    const client = await relayed(['operation=PutItem,error=InternalServerError', 'operation=GetItem,error=ServiceUnavailable'], 3);

    // Act
    const internal = await failure(client.send(put('b')));
    const unavailable = await failure(client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'b' } } })));

    // Assess
    expect([internal.name, internal.$metadata.httpStatusCode, internal.$metadata.attempts]).toEqual(['InternalServerError', 500, 3]);
    expect([unavailable.$metadata.httpStatusCode, unavailable.$metadata.attempts]).toEqual([503, 3]);
  });

  it('answers a reused token\'s TransactionInProgressException and RequestLimitExceeded, which the SDK retries as throttling', async () => {
    // Prepare
    const client = await relayed(['operation=TransactWriteItems,error=TransactionInProgressException', 'operation=GetItem,error=RequestLimitExceeded'], 2);

    // Act
    const inProgress = await failure(client.send(new TransactWriteItemsCommand({ ...transaction('t'), ClientRequestToken: 'token-1' })));
    const limited = await failure(client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 't' } } })));

    // Assess
    expect([inProgress.name, inProgress.$metadata.httpStatusCode, inProgress.$metadata.attempts]).toEqual(['TransactionInProgressException', 400, 2]);
    expect([limited.name, limited.$metadata.httpStatusCode, limited.$metadata.attempts]).toEqual(['RequestLimitExceeded', 400, 2]);
  });

  it('cancels a transaction with one TransactionConflict reason per item, shaped like a real cancellation of DynamoDB Local', async () => {
    // Prepare: a real cancellation (the second item exists already), read raw
    await direct.send(put('c-b'));
    const real = await failure(direct.send(new TransactWriteItemsCommand(transaction('c'))));
    const client = await relayed(['operation=TransactWriteItems,error=TransactionConflict']);

    // Act
    const conflict = await failure(client.send(new TransactWriteItemsCommand(transaction('d'))));

    // Assess: same error, same fields; one conflicting item, the other None; nothing written
    const reasons = (conflict as unknown as { CancellationReasons: { Code: string }[] }).CancellationReasons;
    expect(conflict.name).toBe(real.name);
    expect(Object.keys(conflict).sort()).toEqual(Object.keys(real).sort());
    expect(reasons.map((r) => r.Code).sort()).toEqual(['None', 'TransactionConflict']);
    expect(conflict.message).toBe(`Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`);
    expect((await direct.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'd-a' } } }))).Item).toBeUndefined();
  });

  it('delays a request by the chosen time, then relays DynamoDB\'s own answer', async () => {
    // Prepare
    const client = await relayed(['operation=PutItem,delay-ms=300']);

    // Act
    const startedAt = Date.now();
    await client.send(put('e'));
    const tookMs = Date.now() - startedAt;

    // Assess
    expect(tookMs).toBeGreaterThanOrEqual(300);
    expect((await direct.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'e' } } }))).Item).toEqual({ id: { S: 'e' } });
    expect(relay?.counts().delayedRequests).toBe(1);
  });

  it('fails the same requests for the same seed', async () => {
    // Prepare
    const outcomes = async (seed: number): Promise<string[]> => {
      const client = await relayed(['operation=PutItem,error=ThrottlingException,rate=0.5'], 1, seed);
      const results: string[] = [];
      for (let i = 0; i < 12; i++) results.push(await client.send(put(`s${i}`)).then(() => 'ok', (error: Error) => error.name));
      return results;
    };

    // Act
    const first = await outcomes(42);
    const second = await outcomes(42);

    // Assess
    expect(first).toEqual(second);
    expect(first).toContain('ThrottlingException');
    expect(first).toContain('ok');
  });
});
