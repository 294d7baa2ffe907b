import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { OnFailureMessage } from '../destinations/failure-message';
import { InMemoryCheckpointStore } from './checkpoint-store';
import { startFixtureStack, waitFor, type FixtureStack } from '../../testing/stack-harness';

const poison = { poison: { BOOL: true } };
let running: FixtureStack | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('event source mapping emulator', () => {
  it('invokes the mapped function with records shaped exactly like Lambda\'s, and its synthesized environment', async () => {
    // Prepare
    running = await startFixtureStack();
    const { stack, productsTable } = running;
    const streamArn = stack.tables[0]?.stream?.arn;

    // Act
    await running.putProduct('p#1234', { stock: { N: '51' }, photo: { B: new Uint8Array([1, 2, 3]) } });
    await running.client.send(
      new UpdateItemCommand({ TableName: productsTable, Key: { productId: { S: 'p#1234' } }, UpdateExpression: 'SET stock = :s', ExpressionAttributeValues: { ':s': { N: '49' } } }),
    );
    const records = await waitFor(() => {
      const all = running?.invocations().flatMap((i) => i.event.Records) ?? [];
      return all.length >= 2 && all;
    }, 'two records');

    // Assess
    const [insert, modify] = records;
    expect(insert).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { productId: { S: 'p#1234' } },
        NewImage: { productId: { S: 'p#1234' }, stock: { N: '51' }, photo: { B: 'AQID' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArn,
    });
    expect(Math.abs((insert?.dynamodb?.ApproximateCreationDateTime as number) - Date.now() / 1000)).toBeLessThan(120);
    expect(modify).toMatchObject({ eventName: 'MODIFY', dynamodb: { OldImage: { stock: { N: '51' } }, NewImage: { stock: { N: '49' } } } });
    expect(streamArn).toMatch(/^arn:aws:dynamodb:us-east-1:000000000000:table\/esm-[0-9a-f]+-products\/stream\//);
    expect(running.invocations()[0]?.tableName).toBe(productsTable);
  });

  it('gives ApproximateCreationDateTime to the fraction of a second, as AWS does, for a change written while the mapping is caught up', async () => {
    // Prepare: DynamoDB Local 3.3.1 reports the minute only. A first change delivered means a read
    // has reached the shard's tip (it returned one record, short of its page), so the mapping is caught up.
    running = await startFixtureStack();
    await running.putProduct('p#first');
    await waitFor(() => running?.invocations()[0], 'the first change delivered');

    // Act
    const writtenAt = Date.now();
    await running.putProduct('p#timed');
    const [record] = await waitFor(() => running?.invocations()[1]?.event.Records, 'the timed record');
    const deliveredAt = Date.now();

    // Assess: within a poll interval of the write, not the minute DynamoDB Local gives
    const created = (record?.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000;
    expect(created).toBeGreaterThanOrEqual(writtenAt);
    expect(created).toBeLessThanOrEqual(deliveredAt);
  });

  it('cuts batches at BatchSize and starts from TRIM_HORIZON', async () => {
    // Prepare: five changes before the mapping starts.
    running = await startFixtureStack({
      mapping: { batch_size: 2 },
      before: async (put) => {
        for (let i = 1; i <= 5; i++) await put(`p#${i}`);
      },
    });

    // Act
    const invocations = await waitFor(
      () => running?.stack.pollerStatus()[0]?.metrics.counts.InvokedEventCount === 5 && running.invocations(),
      'five records invoked',
    );

    // Assess
    expect(invocations.map((i) => i.sequenceNumbers.length)).toEqual([2, 2, 1]);
    expect(running.stack.pollerStatus()[0]?.metrics.counts).toMatchObject({ PolledEventCount: 5, InvokedEventCount: 5 });
  });

  it('starts at LATEST: changes made before the mapping started are not delivered', async () => {
    // Prepare
    running = await startFixtureStack({ mapping: { starting_position: 'LATEST' }, before: (put) => put('p#old') });

    // Act: when exactly the mapping has started is not observable, so write until a change arrives.
    for (let i = 0; running.invocations().length === 0; i++) {
      if (i === 40) throw new Error('no change written after the start was delivered');
      await running.putProduct(`p#new-${i}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    // Assess
    const delivered = running.invocations().flatMap((i) => i.event.Records.map((r) => r.dynamodb?.Keys?.['productId']?.S));
    expect(delivered).not.toContain('p#old');
    expect(delivered.every((key) => key?.startsWith('p#new-'))).toBe(true);
  });

  it('waits up to MaximumBatchingWindowInSeconds to fill a batch', async () => {
    // Prepare: a window far longer than the three polls below take, even on a loaded machine.
    running = await startFixtureStack({ mapping: { maximum_batching_window_in_seconds: 3 } });
    await waitFor(() => (running?.stack.pollerStatus()[0]?.activeShards ?? 0) > 0, 'a shard being read');
    const polled = (): number => running?.stack.pollerStatus()[0]?.metrics.counts.PolledEventCount ?? 0;

    // Act: three writes, each read by its own poll before the next is written.
    for (const [i, id] of ['p#1', 'p#2', 'p#3'].entries()) {
      await running.putProduct(id);
      await waitFor(() => polled() === i + 1, `change ${i + 1} polled`);
      expect(running.invocations()).toEqual([]); // the window holds the batch open
    }
    await waitFor(() => running?.invocations().length, 'an invocation');

    // Assess: records read by three polls went out as one batch
    expect(running.invocations().map((i) => i.sequenceNumbers.length)).toEqual([3]);
  });

  it('drops records that match no filter, counts them, and moves the checkpoint past them', async () => {
    // Prepare: only MODIFY records whose new stock is "0" are wanted.
    const pattern = JSON.stringify({ eventName: ['MODIFY'], dynamodb: { NewImage: { stock: { N: ['0'] } } } });
    const checkpoints = new InMemoryCheckpointStore();
    running = await startFixtureStack({ mapping: { filter_criteria: { filter: [{ pattern }] } }, checkpoints });

    // Act
    await running.putProduct('p#1', { stock: { N: '5' } });
    await running.putProduct('p#1', { stock: { N: '0' } });
    await running.putProduct('p#2', { stock: { N: '0' } });
    await waitFor(() => running?.stack.pollerStatus()[0]?.metrics.counts.PolledEventCount === 3, 'three polled records');
    await waitFor(() => running?.stack.pollerStatus()[0]?.metrics.counts.InvokedEventCount === 1, 'the kept record invoked');

    // Assess
    const delivered = running.invocations().flatMap((i) => i.event.Records);
    expect(delivered.map((r) => [r.eventName, r.dynamodb?.Keys?.['productId']?.S])).toEqual([['MODIFY', 'p#1']]);
    expect(running.stack.pollerStatus()[0]?.metrics.counts).toMatchObject({ FilteredOutEventCount: 2, InvokedEventCount: 1 });
    const status = running.stack.pollerStatus()[0];
    const saved = await waitFor(async () => {
      const [checkpoint] = (await checkpoints.load(`${status?.uuid}|${status?.eventSourceArn}`)).values();
      return checkpoint?.sequenceNumber && BigInt(checkpoint.sequenceNumber) > BigInt(delivered[0]?.dynamodb?.SequenceNumber ?? '0') && checkpoint;
    }, 'the checkpoint past the last, filtered-out record');
    expect(saved.finished).toBe(false);
  });

  it('retries a failing batch, then delivers AWS\'s message and the records to the DLQ and moves on', async () => {
    // Prepare
    running = await startFixtureStack({ mapping: { maximum_retry_attempts: 2, batch_size: 1 }, consumerEnvironment: { FAIL_MODE: 'throw-on-poison' } });

    // Act
    await running.putProduct('p#poison', poison);
    await running.putProduct('p#fine');
    const [message] = await waitFor(async () => (await running?.dlqMessages())?.length && running?.dlqMessages(), 'a DLQ message');
    await waitFor(() => running?.invocations().some((i) => i.event.Records[0]?.dynamodb?.Keys?.['productId']?.S === 'p#fine'), 'the next record');

    // Assess
    const poisonAttempts = running.invocations().filter((i) => i.event.Records[0]?.dynamodb?.Keys?.['productId']?.S === 'p#poison');
    expect(poisonAttempts).toHaveLength(3);
    const body = JSON.parse(message?.Body ?? '{}') as OnFailureMessage;
    expect(body).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3, functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${running.prefix}-consumer` },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      DDBStreamBatchInfo: { batchSize: 1, startSequenceNumber: poisonAttempts[0]?.sequenceNumbers[0], streamArn: running.stack.tables[0]?.stream?.arn },
    });
    expect(message?.records.map((r) => r.dynamodb?.NewImage?.['poison'])).toEqual([{ BOOL: true }]);
    expect(running.stack.pollerStatus()[0]?.metrics.counts).toMatchObject({ DroppedEventCount: 1, OnFailureDestinationDeliveredEventCount: 1, FailedInvokeEventCount: 3 });
  });

  it('with ReportBatchItemFailures, retries from the lowest failed record and checkpoints before it', async () => {
    // Prepare: three records in one batch; the second is poison and is never fixed.
    running = await startFixtureStack({
      mapping: { function_response_types: ['ReportBatchItemFailures'], maximum_retry_attempts: 1 },
      consumerEnvironment: { FAIL_MODE: 'report-poison' },
      before: async (put) => {
        await put('p#1');
        await put('p#2', poison);
        await put('p#3');
      },
    });

    // Act
    await waitFor(async () => (await running?.dlqMessages())?.length, 'a DLQ message');

    // Assess
    const batches = running.invocations().map((i) => i.event.Records.map((r) => r.dynamodb?.Keys?.['productId']?.S));
    // The rest after a partial response is a new batch with its own retry (as AWS: see batch-processor.ts)
    expect(batches).toEqual([['p#1', 'p#2', 'p#3'], ['p#2', 'p#3'], ['p#2', 'p#3']]);
    const [message] = await running.dlqMessages();
    expect(message?.records.map((r) => r.dynamodb?.Keys?.['productId']?.S)).toEqual(['p#2', 'p#3']);
  });

  it('treats an unknown itemIdentifier as a failure of the whole batch', async () => {
    // Prepare
    running = await startFixtureStack({
      mapping: { function_response_types: ['ReportBatchItemFailures'], maximum_retry_attempts: 0 },
      consumerEnvironment: { FAIL_MODE: 'respond', RESPONSE_JSON: JSON.stringify({ batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] }) },
      before: async (put) => {
        await put('p#1');
        await put('p#2');
      },
    });

    // Act
    const [message] = await waitFor(async () => (await running?.dlqMessages())?.length && running?.dlqMessages(), 'a DLQ message');

    // Assess
    expect(running.invocations()).toHaveLength(1);
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({ DDBStreamBatchInfo: { batchSize: 2 }, responseContext: { statusCode: 200 } });
  });

  it('bisects a failing batch to isolate the poison record without using up retries', async () => {
    // Prepare
    running = await startFixtureStack({
      mapping: { bisect_batch_on_function_error: true, maximum_retry_attempts: 0 },
      consumerEnvironment: { FAIL_MODE: 'throw-on-poison' },
      before: async (put) => {
        for (const id of ['p#1', 'p#2', 'p#3', 'p#4']) await put(id, id === 'p#3' ? poison : {});
      },
    });

    // Act
    await waitFor(() => running?.stack.pollerStatus()[0]?.metrics.counts.OnFailureDestinationDeliveredEventCount === 1, 'the poison record in the DLQ');
    await waitFor(() => running?.invocations().some((i) => i.event.Records.length === 1 && i.event.Records[0]?.dynamodb?.Keys?.['productId']?.S === 'p#4'), 'p#4 alone');

    // Assess
    const batches = running.invocations().map((i) => i.event.Records.map((r) => r.dynamodb?.Keys?.['productId']?.S));
    expect(batches).toEqual([['p#1', 'p#2', 'p#3', 'p#4'], ['p#1', 'p#2'], ['p#3', 'p#4'], ['p#3'], ['p#4']]);
    const [message] = await running.dlqMessages();
    expect(message?.records.map((r) => r.dynamodb?.Keys?.['productId']?.S)).toEqual(['p#3']);
  });

  it('counts a handler running past the synthesized timeout as a failed invocation', async () => {
    // Prepare
    running = await startFixtureStack({
      mapping: { maximum_retry_attempts: 0 },
      consumerOverrides: { timeout: 1 },
      consumerEnvironment: { FAIL_MODE: 'sleep', SLEEP_MS: '5000' },
    });

    // Act
    await running.putProduct('p#slow');
    const [message] = await waitFor(async () => (await running?.dlqMessages())?.length && running?.dlqMessages(), 'a DLQ message');

    // Assess
    const invoked = running.events.find((e) => e.type === 'invoked');
    expect(invoked?.type === 'invoked' && !invoked.result.ok && invoked.result.error.errorType).toBe('Sandbox.Timedout');
    expect(JSON.parse(message?.Body ?? '{}')).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted' } });
  });
});
