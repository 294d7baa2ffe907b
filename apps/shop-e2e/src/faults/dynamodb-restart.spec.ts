import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { createShortfalls } from '../support/shortfalls';
import { startFaultStack, type FaultStack } from '../support/fault-stack';
import { redriveAll } from '../support/dlq-tool';
import { mapConcurrently } from '@shop/shared-util-async';
import { readDlq, readMappingMetrics } from '../support/stack-files';
import { sleep, waitUntil } from '../support/wait';

describe('DynamoDB Local restarting under a running stack', () => {
  let ddb: DynamoDbLocal | undefined;
  let faulty: FaultStack | undefined;
  afterAll(async () => {
    await faulty?.stop();
    await ddb?.stop();
  });

  it('lets the pollers recover: a short outage costs no retry budget, a long one parks records in the DLQ for a redrive, and every shortfall is replenished once', async () => {
    // Prepare: DynamoDB Local on disk (so a restart keeps tables and stream), the stack on top of it
    const dbPath = mkdtempSync(path.join(tmpdir(), 'shop-ddb-restart-'));
    ddb = await startDynamoDbLocal({ dbPath });
    const { port } = ddb;
    faulty = await startFaultStack({ dynamodbEndpoint: ddb.endpoint });
    const running = faulty;
    const before = await createShortfalls(running.stack.api, 'before', 10);
    // Every one of them (the mapping's lanes work concurrently: the last one written says nothing of the others)
    await waitUntil(async () => (await mapConcurrently(before, 4, async (id) => (await running.stack.api.listReplenishments(id)).items.length)).every((n) => n > 0), 'the first replenishments');
    // Written just before the restart: the pollers may not have read them yet
    const around = await createShortfalls(running.stack.api, 'around', 10);

    // Act 1: DynamoDB Local goes away for 2 s (pollers fail to read, the consumer's writes fail),
    // then comes back on the same port and data
    const outage = async (ms: number): Promise<string[]> => {
      await (ddb as DynamoDbLocal).stop();
      await sleep(ms);
      ddb = await startDynamoDbLocal({ dbPath, port });
      return waitUntil(async () => {
        try {
          return await createShortfalls(running.stack.api, `after-${ms}`, 10);
        } catch {
          return undefined; // the API's connections to DynamoDB Local are being re-established
        }
      }, 'the API to write again', 30_000);
    };
    const after = await outage(2_000);
    await running.stack.barrier(60_000);

    // Retries back off (from the poll interval, doubling, 5 s at most): ten of them outlast a 2 s
    // outage, so nothing went to the DLQ
    expect(readDlq(running.process.endpoints.dlqDirectory)).toEqual([]);

    // Act 2: a 40 s outage outlasts the ten retries (about 26 s at a 100 ms poll interval) of
    // whatever was in flight when it began
    const aroundLong = await createShortfalls(running.stack.api, 'around-long', 10);
    const afterLong = await outage(40_000);
    await running.stack.barrier(60_000);

    // Records whose retries ran out during the outage are in the DLQ (with the records), and only
    // those (which of them were in flight when DynamoDB Local stopped is a race: possibly none)
    const key = (record: { dynamodb?: { Keys?: Record<string, { S?: string }> } }): string | undefined => record.dynamodb?.Keys?.['productId']?.S;
    const parked = readDlq(running.process.endpoints.dlqDirectory);
    const parkedIds = parked.flatMap((message) => message.records.map(key));
    expect(parked.every((message) => message.body.requestContext.condition === 'RetryAttemptsExhausted')).toBe(true);
    expect(parkedIds.filter((id) => !aroundLong.includes(id as string))).toEqual([]);
    // An operator redrives them (npm run dlq), and then every shortfall has exactly one replenishment
    if (parked.length > 0) await redriveAll(running.stateDirectory);

    // Assess
    const counts = await mapConcurrently([...before, ...around, ...after, ...aroundLong, ...afterLong], 4, async (id) => (await running.stack.api.listReplenishments(id)).items.length);
    expect(counts).toEqual(counts.map(() => 1));
    expect(readDlq(running.process.endpoints.dlqDirectory)).toEqual([]);
    // metrics.json is rewritten every second: wait for it to show the DLQ deliveries, then check the state
    const mapping = await waitUntil(() => {
      const entry = readMappingMetrics(running.stateDirectory);
      return entry.metrics.OnFailureDestinationDeliveredEventCount === parkedIds.length && entry;
    }, `metrics.json to count ${parkedIds.length} records sent to the DLQ`, 10_000);
    expect({ state: mapping.state, problem: mapping.problem }).toEqual({ state: 'polling', problem: null });
    // The outage was seen: the pollers logged that they could not read, then that they could again
    const messages = running.process.logLines().filter((l) => l.component.startsWith('esm:')).map((l) => l.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^cannot (read the shard|list the stream's shards)/), expect.stringMatching(/^(reading the shard again|the stream can be read again)/)]));
  });
});
