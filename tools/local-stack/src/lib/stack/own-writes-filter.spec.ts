/**
 * The synthesized mapping's filters on the real stack: the consumer's own `onOrder` writes never
 * invoke it, while sales, edits and items written by hand (no `lastChange` mark) do; what is
 * dropped is counted as FilteredOutEventCount, in the poller's status and in metrics.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { IamMode } from '@shop/tools-local-iam';
import { createLogger } from '../logging/logger';
import { realSynthCopy } from '../../testing/real-synth';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { callStackApi, waitFor } from '../../testing/stack-harness';
import { startLocalStack } from './local-stack';
import type { LocalStack } from './local-stack-options';
import type { MetricsFile } from './metrics-file';

let stack: LocalStack | undefined;
const direct = new DynamoDBClient({});
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});
afterAll(() => direct.destroy());

async function call(running: LocalStack, method: string, route: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await callStackApi(running, method, route, body);
  expect(response.status).toBeLessThan(300);
  return response.body;
}

describe('the synthesized stream filters on the local stack', () => {
  it("drops the consumer's own writes and REMOVEs, delivers sales, edits and unmarked items, and counts what it drops", async () => {
    // Prepare
    stack = await startLocalStack({
      synthPath: realSynthCopy().synthPath,
      stateDirectory: path.join(temporaryStackDirectory(), '.local'),
      dynamodbEndpoint: process.env['AWS_ENDPOINT_URL_DYNAMODB'],
      port: 0,
      pollIntervalMs: 25,
      metricsIntervalMs: 100,
      iamMode: IamMode.Enforce,
      faults: {},
      logger: createLogger({ format: 'json', level: 'error', sink: { writeLine: () => undefined } }),
    });
    const running = stack;
    const products = running.tables.find((t) => t.address === 'aws_dynamodb_table.products')?.tableName as string;
    const counts = () => running.pollerStatus()[0]?.metrics.counts;
    // Every polled record accounted for: filtered out, or invoked and its invocation returned.
    const settled = (polled: number) => () => {
      const now = counts();
      return now?.PolledEventCount === polled && (now.FilteredOutEventCount ?? 0) + (now.InvokedEventCount ?? 0) === polled;
    };
    const replenishments = async (productId: string) =>
      ((await call(running, 'GET', `/products/${encodeURIComponent(productId)}/replenishments`))['items'] as unknown[] | undefined) ?? [];

    // Act: an edit (INSERT, covered), a sale (MODIFY, short: the consumer orders and writes onOrder).
    await call(running, 'PUT', '/products/p%23filtered', { stock: 51, reorderThreshold: 50, amountToReplenish: 30 });
    await call(running, 'POST', '/orders', { productId: 'p#filtered', quantity: 2 });
    await waitFor(async () => (await replenishments('p#filtered')).length === 1, 'the replenishment of the sale', 15_000);
    await waitFor(settled(3), 'the three records polled, each filtered out or invoked');
    const afterSale = { ...counts() };
    // An item written by hand, without a mark, short: delivered and ordered; then removed by hand.
    await direct.send(
      new PutItemCommand({ TableName: products, Item: { productId: { S: 'p#by-hand' }, stock: { N: '10' }, reorderThreshold: { N: '50' }, amountToReplenish: { N: '30' } } }),
    );
    await waitFor(async () => (await replenishments('p#by-hand')).length === 1, 'the replenishment of the item written by hand', 15_000);
    await direct.send(new DeleteItemCommand({ TableName: products, Key: { productId: { S: 'p#by-hand' } } }));
    await waitFor(settled(6), 'all six records polled, each filtered out or invoked');
    const settledAt = Date.now();
    const metricsFile = await waitFor(() => {
      const file = JSON.parse(readFileSync(running.metricsFile, 'utf8')) as MetricsFile;
      return Date.parse(file.updatedAt) > settledAt && file;
    }, 'metrics.json written after the last record');

    // Assess: edit and sale invoked, the consumer's write dropped; the unmarked put invoked, the
    // consumer's write for it and the REMOVE dropped.
    expect(afterSale).toMatchObject({ PolledEventCount: 3, FilteredOutEventCount: 1, InvokedEventCount: 2 });
    expect(counts()).toMatchObject({ PolledEventCount: 6, FilteredOutEventCount: 3, InvokedEventCount: 3, FailedInvokeEventCount: 0 });
    expect(metricsFile.mappings[0]?.metrics).toMatchObject({ PolledEventCount: 6, FilteredOutEventCount: 3, InvokedEventCount: 3 });
  });
});
