/**
 * Local IAM enforcement on the real synthesized stack: every route of the orders API and the
 * consumer's whole path work with exactly the synthesized roles; a consumer policy pointing its
 * PutItem at the wrong table (the Orders table) is caught locally.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROUTES, type OperationId } from '@shop/orders-api-contract';
import { IamMode } from '@shop/tools-local-iam';
import type { TerraformJson } from '@shop/shared-util-terraform-json';
import type { OnFailureMessage } from '../destinations/failure-message';
import { createLogger } from '../logging/logger';
import { compareGrantsWithCalls, observedCalls, type ObservedCall } from '../../testing/grants-and-calls';
import { policyStatement, realSynthCopy, type SynthJson } from '../../testing/real-synth';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { callStackApi, startFixtureStack, waitFor, type FixtureStack } from '../../testing/stack-harness';
import { startLocalStack } from './local-stack';
import { formatStatus } from './status-reporter';
import type { LocalStack } from './local-stack-options';

let stack: LocalStack | undefined;
let running: FixtureStack | undefined;
afterEach(async () => {
  await stack?.stop();
  await running?.stop();
  stack = undefined;
  running = undefined;
});

interface Started {
  readonly stack: LocalStack;
  readonly lines: Array<Record<string, unknown>>;
  /** Every DynamoDB call a function's IAM proxy decided, by the function's name. */
  readonly calls: ObservedCall[];
  readonly synth: TerraformJson;
}

async function start(iamMode: IamMode, edit?: (synth: SynthJson) => void): Promise<Started> {
  const lines: Array<Record<string, unknown>> = [];
  const calls: ObservedCall[] = [];
  const { synthPath } = realSynthCopy(edit);
  stack = await startLocalStack({
    synthPath,
    stateDirectory: path.join(temporaryStackDirectory(), '.local'),
    dynamodbEndpoint: process.env['AWS_ENDPOINT_URL_DYNAMODB'],
    port: 0,
    pollIntervalMs: 25,
    iamMode,
    faults: {},
    onIamDecision: (functionName, decision) => calls.push(...observedCalls(functionName, decision)),
    logger: createLogger({ format: 'json', level: 'debug', sink: { writeLine: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } }),
  });
  return { stack, lines, calls, synth: JSON.parse(readFileSync(synthPath, 'utf8')) as TerraformJson };
}


/** The consumer writes its replenishment into the Orders table instead: a grant on the wrong table, with 1 retry to keep the test short. */
const wrongConsumerPolicy = (synth: SynthJson): void => {
  policyStatement(synth, 'replenishment_consumer', 'CreateReplenishments')['resources'] = ['${aws_dynamodb_table.orders.arn}'];
  synth['resource']['aws_lambda_event_source_mapping']['products_stream_to_replenishment_consumer']['maximum_retry_attempts'] = 1;
};

const product = (id: string): string => `/products/${encodeURIComponent(id)}`;
const story = { stock: 51, reorderThreshold: 50, amountToReplenish: 30 };

describe('local IAM enforcement on the synthesized stack', () => {
  it('lets every route of the orders API and the whole consumer path work with the synthesized roles, which grant exactly the DynamoDB calls they make', async () => {
    // Prepare
    const { stack, lines, calls, synth } = await start(IamMode.Enforce);
    const answered = new Map<OperationId, number>();
    const record = (operation: OperationId, status: number): void => void answered.set(operation, status);

    // Act: a product's whole story, through every route.
    const put = await callStackApi(stack, 'PUT', product('p#iam'), story);
    record('putProduct', put.status);
    const order = await callStackApi(stack, 'POST', '/orders', { productId: 'p#iam', quantity: 2 });
    record('placeOrder', order.status);
    record('getOrder', (await callStackApi(stack, 'GET', `/orders/${encodeURIComponent(String(order.body['orderId']))}`)).status);
    const replenishment = await waitFor(async () => {
      const list = await callStackApi(stack, 'GET', `${product('p#iam')}/replenishments`);
      record('listReplenishments', list.status);
      return (list.body['items'] as Array<{ replenishmentId: string }> | undefined)?.[0];
    }, 'the consumer\'s replenishment order', 15_000);
    record('receiveReplenishment', (await callStackApi(stack, 'POST', `/replenishments/${encodeURIComponent(replenishment.replenishmentId)}/receive`)).status);
    // A second shortfall (79 → 39): its order is listed as pending, then cancelled.
    await callStackApi(stack, 'POST', '/orders', { productId: 'p#iam', quantity: 40 });
    const second = await waitFor(async () => {
      const list = await callStackApi(stack, 'GET', '/replenishments?status=PENDING');
      record('listPendingReplenishments', list.status);
      return (list.body['items'] as Array<{ replenishmentId: string; productId: string }> | undefined)?.find((r) => r.productId === 'p#iam');
    }, 'the second replenishment order', 15_000);
    record('cancelReplenishment', (await callStackApi(stack, 'POST', `/replenishments/${encodeURIComponent(second.replenishmentId)}/cancel`)).status);
    const final = await callStackApi(stack, 'GET', product('p#iam'));
    record('getProduct', final.status);

    // Assess
    expect([...answered.keys()].sort()).toEqual(ROUTES.map((route) => route.operationId).sort());
    expect([...answered].filter(([, status]) => status < 200 || status >= 300)).toEqual([]);
    expect(final.body).toMatchObject({ stock: 51 - 2 + 30 - 40 });
    expect(lines.filter((line) => String(line['message']).includes('local-iam denied'))).toEqual([]);
    expect(stack.pollerStatus()[0]).toMatchObject({ state: 'polling', metrics: { counts: { FailedInvokeEventCount: 0 } } });
    // Every call granted, every grant called: the story above reaches every DynamoDB call of both
    // functions and of the mapping. The one grant no request uses is ListStreams, kept in the
    // consumer's stream statement on purpose (see infra's access-policies.ts): on the stream ARN it allows nothing.
    const streamLabel = (tableName: string): string | undefined => stack.tables.find((t) => t.tableName === tableName)?.stream?.label;
    const listStreams = 'replenishment_consumer (shop-dev-replenishment-consumer): statement ReadProductsStream of least-privilege grants dynamodb:ListStreams';
    expect(await compareGrantsWithCalls(synth, calls, { streamLabel })).toEqual({ unused: [listStreams], ungranted: [] });
  });

  it('denies a consumer PutItem on the wrong table: the record fails, is retried, and lands in the DLQ', async () => {
    // Prepare
    const { stack, lines } = await start(IamMode.Enforce, wrongConsumerPolicy);

    // Act
    await callStackApi(stack, 'PUT', product('p#wrong'), story);
    await callStackApi(stack, 'POST', '/orders', { productId: 'p#wrong', quantity: 2 });
    const [message] = await waitFor(async () => {
      const messages = await stack.queues[0]?.list();
      return messages?.length && messages;
    }, 'a DLQ message', 20_000);

    // Assess
    const body = JSON.parse(message?.Body ?? '{}') as OnFailureMessage;
    expect(body).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 }, DDBStreamBatchInfo: { batchSize: 1 } });
    expect(message?.records[0]).toMatchObject({ eventName: 'MODIFY', dynamodb: { Keys: { productId: { S: 'p#wrong' } } } });
    const denial = lines.find((line) => String(line['message']).startsWith('local-iam denied dynamodb:PutItem'));
    expect(denial).toMatchObject({ component: 'iam', action: 'dynamodb:PutItem', resource: `${stack.tables.find((t) => t.address.endsWith('.replenishment'))?.tableArn}` });
    expect((await callStackApi(stack, 'GET', `${product('p#wrong')}/replenishments`)).body).toMatchObject({ items: [] });
  });

  it('in warn mode logs what AWS would deny and lets the write through', async () => {
    // Prepare
    const { stack, lines } = await start(IamMode.Warn, wrongConsumerPolicy);

    // Act
    await callStackApi(stack, 'PUT', product('p#warn'), story);
    await callStackApi(stack, 'POST', '/orders', { productId: 'p#warn', quantity: 2 });
    const items = await waitFor(async () => {
      const list = await callStackApi(stack, 'GET', `${product('p#warn')}/replenishments`);
      return (list.body['items'] as unknown[] | undefined)?.length && list.body['items'];
    }, 'the replenishment order', 15_000);

    // Assess
    expect(items).toHaveLength(1);
    expect(lines.some((line) => String(line['message']).startsWith('local-iam would deny (warn mode: forwarded) dynamodb:PutItem'))).toBe(true);
    expect(await stack.queues[0]?.list()).toEqual([]);
  });

  it('prints the mode, and the mapping reads its stream through the consumer\'s own endpoint', async () => {
    // Prepare
    const { stack, lines } = await start(IamMode.Enforce);

    // Assess
    expect(lines).toContainEqual(expect.objectContaining({ component: 'iam', message: expect.stringMatching(/^IAM enforce: /), mode: 'enforce' }));
    expect(stack.endpointFor('shop-dev-replenishment-consumer')).not.toBe(stack.dynamodbEndpoint);
    expect(stack.endpointFor('shop-dev-replenishment-consumer')).not.toBe(stack.endpointFor('shop-dev-orders-api'));
  });

  it('stops a mapping whose consumer role may not read the stream, with AWS\'s message in the status and one log line', async () => {
    // Prepare: the fixture consumer's role grants nothing on the stream.
    const lines: string[] = [];
    running = await startFixtureStack({ roleStatements: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '${aws_dynamodb_table.products.arn}' }], iamMode: IamMode.Enforce, logLines: lines });

    // Act
    await running.putProduct('p#1');
    const status = await waitFor(() => running?.stack.pollerStatus().find((s) => s.state === 'failed'), 'the mapping failed');
    // That no second line comes cannot be observed as an event, only over a window: 200 ms is eight
    // poll intervals, in which a mapping that retried would have asked for the stream and logged
    // again. Stopping then waits for every loop of the mapping, so nothing can log after it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = running;
    running = undefined;
    await stopped.stop();

    // Assess
    expect(status.problem).toMatch(/^PROBLEM: AccessDeniedException: User: arn:aws:sts::000000000000:assumed-role\/esm-[0-9a-f]+-role\/esm-[0-9a-f]+-consumer is not authorized to perform: dynamodb:DescribeStream on resource: arn:aws:dynamodb:us-east-1:000000000000:table\/esm-[0-9a-f]+-products\/stream\//);
    expect(formatStatus(stopped.stack.pollerStatus())).toContain('FAILED PROBLEM: AccessDeniedException');
    const errors = lines.map((line) => JSON.parse(line) as { level: string; component: string; message: string }).filter((line) => line.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ component: `esm:${stopped.prefix}-consumer`, message: expect.stringContaining('may not read the stream (DescribeStream)') })]);
    expect(stopped.invocations()).toEqual([]);
  });

  it('with --iam off, starts no proxy: functions and mappings reach DynamoDB Local directly', async () => {
    // Prepare & Act: a role with no permission at all would fail under enforce.
    running = await startFixtureStack({ roleStatements: [], iamMode: IamMode.Off });
    await running.putProduct('p#1');
    await waitFor(() => running?.invocations().length, 'an invocation');

    // Assess
    expect(running.stack.endpointFor(`${running.prefix}-consumer`)).toBe(running.stack.dynamodbEndpoint);
    expect(running.stack.iamMode).toBe('off');
  });
});
