import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ProductsTable } from '@shop/shared-table-design';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { partitionLane } from '@shop/tools-local-stack';
import type { DynamoDBRecord } from 'aws-lambda';
import { startFaultStack, type FaultStack } from '../support/fault-stack';
import { mapConcurrently } from '@shop/shared-util-async';
import { readDlq, readMappingMetrics } from '../support/stack-files';
import { devMappingSettings } from '../support/synth';
import { waitUntil } from '../support/wait';

const key = ProductsTable.partitionKey.name;

/** `count` fresh product ids that the mapping deals to the same lane as `anchorId` (with one lane, any id). */
function idsInLaneOf(anchorId: string, label: string, count: number, parallelizationFactor: number): string[] {
  const laneOf = (id: string): number => partitionLane({ dynamodb: { Keys: { [key]: { S: id } } } } as DynamoDBRecord, parallelizationFactor);
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) {
    const id = `${label}#${i}#${randomUUID()}`;
    if (laneOf(id) === laneOf(anchorId)) ids.push(id);
  }
  return ids;
}

describe('a poison record', () => {
  let ddb: DynamoDbLocal;
  let admin: DynamoDBClient;
  let faulty: FaultStack | undefined;
  beforeAll(async () => {
    ddb = await startDynamoDbLocal();
    admin = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  }, 60_000);
  afterAll(async () => {
    await faulty?.stop();
    admin?.destroy();
    await ddb?.stop();
  });

  it('is isolated by bisection and sent to the DLQ after the retries, while every other product is replenished and the shard moves on', async () => {
    // Prepare: a first stack provisions the tables and writes one valid product through the API;
    // it is stopped, and the stream then receives, with no poller running: 5 copies of that product
    // (each created below its threshold: a shortfall), a product item with no attributes but its
    // key (the consumer cannot read it: it fails that record every time), and 5 more copies.
    const stateDirectory = mkdtempSync(path.join(tmpdir(), 'shop-poison-'));
    const first = await startFaultStack({ dynamodbEndpoint: ddb.endpoint, stateDirectory });
    const { products } = first.process.endpoints.tables;
    const templateId = `template#${randomUUID()}`;
    await first.stack.api.putProduct(templateId, { stock: 0, reorderThreshold: 1, amountToReplenish: 7 });
    const { Item: template } = await admin.send(new GetItemCommand({ TableName: products, Key: { [key]: { S: templateId } }, ConsistentRead: true }));
    await first.stop();
    const copy = (id: string) => ({ ...template, [key]: { S: id } });
    // All in the poison's lane (dev runs two lanes per shard): they reach the consumer in one batch
    // with it, so its failure makes the mapping retry, then bisect, a batch that holds others.
    const { maximumRetryAttempts, bisectBatchOnFunctionError, parallelizationFactor } = devMappingSettings();
    const poisonId = `poison#${randomUUID()}`;
    const before = idsInLaneOf(poisonId, 'before', 5, parallelizationFactor);
    const after = idsInLaneOf(poisonId, 'after', 5, parallelizationFactor);
    for (const id of before) await admin.send(new PutItemCommand({ TableName: products, Item: copy(id) }));
    await admin.send(new PutItemCommand({ TableName: products, Item: { [key]: { S: poisonId } } }));
    for (const id of after) await admin.send(new PutItemCommand({ TableName: products, Item: copy(id) }));

    // Act: a new stack reads the stream from TRIM_HORIZON: all 12 records in one read
    const running = await startFaultStack({ dynamodbEndpoint: ddb.endpoint, stateDirectory });
    faulty = running;
    const { api } = running.stack;
    const [message, ...more] = await waitUntil(() => {
      const messages = readDlq(running.process.endpoints.dlqDirectory);
      return messages.length > 0 && messages;
    }, 'the poison record in the DLQ', 60_000);
    await running.stack.barrier();

    // Assess: the DLQ holds the poison record alone, with AWS's metadata
    expect(bisectBatchOnFunctionError).toBe(true);
    expect(more).toEqual([]);
    expect(message?.records.map((r) => r.dynamodb?.Keys?.[key]?.S)).toEqual([poisonId]);
    const poisonSequence = message?.records[0]?.dynamodb?.SequenceNumber;
    expect(message?.body).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted' },
      DDBStreamBatchInfo: { batchSize: 1, startSequenceNumber: poisonSequence, endSequenceNumber: poisonSequence },
    });
    expect(message?.body.requestContext.approximateInvokeCount).toBeGreaterThanOrEqual(maximumRetryAttempts + 1);
    // It arrived in one batch with the others of its lane, and the batch was split to isolate it
    const lines = running.process.logLines();
    expect(lines.some((l) => l.message === 'batch reported failures' && Number(l['records']) >= 7 && l['retryFrom'] === poisonSequence)).toBe(true);
    expect(lines.some((l) => l.message === 'batch bisected')).toBe(true);
    // Every other product was replenished exactly once, and the shard went on (the barrier passed)
    const counts = await mapConcurrently([templateId, ...before, ...after], 4, async (id) => (await api.listReplenishments(id)).items.length);
    expect(counts).toEqual(counts.map(() => 1));
    await waitUntil(() => readMappingMetrics(running.stateDirectory).metrics.OnFailureDestinationDeliveredEventCount === 1, 'OnFailureDestinationDeliveredEventCount 1 in metrics.json', 5_000);
  });
});
