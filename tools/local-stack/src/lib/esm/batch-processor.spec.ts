import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalQueue } from '../destinations/local-queue';
import type { OnFailureMessage } from '../destinations/failure-message';
import type { FunctionInvoker } from '../lambda/invocation';
import { scriptedInvoker } from '../../testing/scripted-invoker';
import { BatchProcessor, type ProcessorEvent } from './batch-processor';
import type { MappingDefinition } from './mapping-definition';
import { MappingMetrics } from './mapping-metrics';
import type { StreamEntry } from './stream-record';

const NOW = 1_800_000_000_000;
const entry = (n: number, ageSeconds = 1): StreamEntry => ({
  sequenceNumber: String(100 + n),
  createdAtMs: NOW - ageSeconds * 1000,
  payloadBytes: 100,
  matched: true,
  record: { eventID: `e${n}`, eventName: 'MODIFY', dynamodb: { SequenceNumber: String(100 + n), ApproximateCreationDateTime: (NOW - ageSeconds * 1000) / 1000 } },
});
const entries = (count: number): StreamEntry[] => Array.from({ length: count }, (_, i) => entry(i + 1));

const defaults = { bisectBatchOnFunctionError: false, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, reportBatchItemFailures: false };

async function run(
  invoker: FunctionInvoker,
  batchEntries: StreamEntry[],
  mapping: Partial<Pick<MappingDefinition, keyof typeof defaults>> = {},
  retryDelayMs = 1,
): Promise<{ checkpoints: string[]; dlq: OnFailureMessage[]; dlqRecords: string[][]; events: ProcessorEvent[]; metrics: MappingMetrics; done: boolean }> {
  const queue = new LocalQueue({ name: 'dlq', arn: 'arn:aws:sqs:us-east-1:000000000000:dlq', url: 'u', directory: mkdtempSync(path.join(tmpdir(), 'dlq-')) });
  const metrics = new MappingMetrics();
  const events: ProcessorEvent[] = [];
  const checkpoints: string[] = [];
  const processor = new BatchProcessor({
    mapping: { ...defaults, ...mapping },
    invoker,
    destination: queue,
    metrics,
    retryDelayMs,
    now: () => NOW,
    onEvent: (event) => events.push(event),
  });
  const done = await processor.process(
    { shardId: 'shardId-1', streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/l', entries: batchEntries },
    async (seq) => void checkpoints.push(seq),
    new AbortController().signal,
  );
  const messages = await queue.list();
  return {
    checkpoints,
    dlq: messages.map((m) => JSON.parse(m.Body) as OnFailureMessage),
    dlqRecords: messages.map((m) => m.records.map((r) => r.dynamodb?.SequenceNumber as string)),
    events,
    metrics,
    done,
  };
}

describe('BatchProcessor', () => {
  it('backs off exponentially from the retry delay before each retry of a failed batch, so a short outage does not use up the retries', async () => {
    // Prepare: a batch that fails 3 times, then succeeds
    const calledAt: number[] = [];
    let calls = 0;
    const invoker = scriptedInvoker(() => {
      calledAt.push(performance.now());
      calls += 1;
      return calls <= 3 ? new Error('boom') : null;
    });

    // Act
    const outcome = await run(invoker, entries(2), {}, 40);

    // Assess: 40, 80, 160 ms
    expect(outcome.checkpoints).toEqual(['102']);
    const gaps = calledAt.slice(1).map((at, i) => at - (calledAt[i] as number));
    expect(gaps).toHaveLength(3);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(40 * 2 ** i - 1));
  });

  it('checkpoints the whole batch after a successful invocation', async () => {
    // Prepare
    const invoker = scriptedInvoker(() => null);

    // Act
    const outcome = await run(invoker, entries(3));

    // Assess
    expect(invoker.calls).toEqual([['101', '102', '103']]);
    expect(outcome.checkpoints).toEqual(['103']);
    expect(outcome.metrics.snapshot()).toMatchObject({ counts: { InvokedEventCount: 3, FailedInvokeEventCount: 0 }, Invocations: 1, Errors: 0 });
  });

  it('retries a failing batch MaximumRetryAttempts times, then sends AWS\'s message and the records to the DLQ', async () => {
    // Prepare
    const invoker = scriptedInvoker(() => new Error('boom'));

    // Act
    const outcome = await run(invoker, entries(2), { maximumRetryAttempts: 2 });

    // Assess
    expect(invoker.calls).toHaveLength(3);
    expect(outcome.checkpoints).toEqual(['102']);
    expect(outcome.dlq).toEqual([
      {
        requestContext: { requestId: 'req-3', functionArn: invoker.functionArn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        DDBStreamBatchInfo: {
          shardId: 'shardId-1',
          startSequenceNumber: '101',
          endSequenceNumber: '102',
          approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          approximateArrivalOfLastRecord: expect.stringMatching(/Z$/),
          batchSize: 2,
          streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/l',
        },
      },
    ]);
    expect(outcome.dlqRecords).toEqual([['101', '102']]);
    expect(outcome.metrics.snapshot().counts).toMatchObject({ FailedInvokeEventCount: 6, DroppedEventCount: 2, OnFailureDestinationDeliveredEventCount: 2 });
  });

  it('bisects a failing batch without using up retries, isolating the poison record', async () => {
    // Prepare: record 103 always fails.
    const invoker = scriptedInvoker((seqs) => (seqs.includes('103') ? new Error('poison') : null));

    // Act
    const outcome = await run(invoker, entries(4), { bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 });

    // Assess
    expect(invoker.calls).toEqual([['101', '102', '103', '104'], ['101', '102'], ['103', '104'], ['103'], ['103'], ['104']]);
    expect(outcome.checkpoints).toEqual(['102', '103', '104']);
    expect(outcome.dlqRecords).toEqual([['103']]);
    expect(outcome.dlq[0]?.requestContext.approximateInvokeCount).toBe(4);
  });

  describe('with ReportBatchItemFailures', () => {
    it('treats an empty list, a null list and an empty response as success', async () => {
      for (const response of [{ batchItemFailures: [] }, { batchItemFailures: null }, {}, null, 'not an object']) {
        // Act
        const outcome = await run(scriptedInvoker(() => response), entries(2), { reportBatchItemFailures: true });
        // Assess
        expect(outcome.checkpoints).toEqual(['102']);
      }
    });

    it('checkpoints before the lowest reported failure and retries from there', async () => {
      // Prepare: 103 and 105 fail on the first try, then everything succeeds.
      let first = true;
      const invoker = scriptedInvoker(() => {
        const answer = first ? { batchItemFailures: [{ itemIdentifier: '105' }, { itemIdentifier: '103' }] } : {};
        first = false;
        return answer;
      });

      // Act
      const outcome = await run(invoker, entries(5), { reportBatchItemFailures: true });

      // Assess
      expect(invoker.calls).toEqual([['101', '102', '103', '104', '105'], ['103', '104', '105']]);
      expect(outcome.checkpoints).toEqual(['102', '105']);
      expect(outcome.metrics.snapshot().counts.FailedInvokeEventCount).toBe(3);
    });

    it.each([
      ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
      ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
      ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '999' }] }],
      ['a bad key name', { batchItemFailures: [{ ItemIdentifier: '102' }] }],
    ])('fails the whole batch for %s', async (_case, response) => {
      // Prepare
      const invoker = scriptedInvoker(() => response);

      // Act
      const outcome = await run(invoker, entries(3), { reportBatchItemFailures: true, maximumRetryAttempts: 1 });

      // Assess
      expect(invoker.calls).toEqual([['101', '102', '103'], ['101', '102', '103']]);
      expect(outcome.checkpoints).toEqual(['103']);
      expect(outcome.dlq[0]?.DDBStreamBatchInfo).toMatchObject({ startSequenceNumber: '101', endSequenceNumber: '103' });
      // As AWS wrote it in LocalStack's recorded test_dynamodb_report_batch_item_failure_scenarios: the key is there, null
      expect(outcome.dlq[0]?.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: null });
    });

    it('retries the rest of a partly failed batch as a new batch with a fresh budget, as AWS did in LocalStack\'s recorded test_dynamodb_report_batch_item_failures', async () => {
      // Prepare: the recording's settings: BatchSize 3, MaximumRetryAttempts 3, bisect off; of six
      // records (two batches) the last one fails every time and is reported by its sequence number
      const invoker = scriptedInvoker((seqs) => (seqs.includes('106') ? { batchItemFailures: [{ itemIdentifier: '106' }] } : {}));
      const all = entries(6);

      // Act
      const first = await run(invoker, all.slice(0, 3), { reportBatchItemFailures: true, maximumRetryAttempts: 3 });
      const second = await run(invoker, all.slice(3), { reportBatchItemFailures: true, maximumRetryAttempts: 3 });

      // Assess: AWS invoked the failing record 5 times; its on-failure message says 4, with functionError null
      expect(invoker.calls.filter((batch) => batch.includes('106'))).toHaveLength(5);
      expect(invoker.calls).toEqual([['101', '102', '103'], ['104', '105', '106'], ['106'], ['106'], ['106'], ['106']]);
      expect(first.checkpoints).toEqual(['103']);
      expect(second.checkpoints).toEqual(['105', '106']);
      expect(second.dlq).toEqual([
        expect.objectContaining({
          requestContext: expect.objectContaining({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 }),
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: null },
          DDBStreamBatchInfo: expect.objectContaining({ startSequenceNumber: '106', endSequenceNumber: '106', batchSize: 1 }),
        }),
      ]);
    });

    it('with bisect on, splits at the reported record and retries only the rest', async () => {
      // Prepare: 103 always reported failed.
      const invoker = scriptedInvoker((seqs) => (seqs.includes('103') ? { batchItemFailures: [{ itemIdentifier: '103' }] } : {}));

      // Act
      const outcome = await run(invoker, entries(4), { reportBatchItemFailures: true, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 });

      // Assess
      expect(invoker.calls).toEqual([['101', '102', '103', '104'], ['103', '104'], ['103'], ['104']]);
      expect(outcome.checkpoints).toEqual(['102', '103', '104']);
      expect(outcome.dlqRecords).toEqual([['103']]);
    });
  });

  it('sends records older than MaximumRecordAgeInSeconds to the DLQ without invoking', async () => {
    // Prepare: two records of 2 minutes, one of 10 seconds; the limit is 60 seconds.
    const invoker = scriptedInvoker(() => null);
    const batch = [entry(1, 120), entry(2, 120), entry(3, 10)];

    // Act
    const outcome = await run(invoker, batch, { maximumRecordAgeInSeconds: 60 });

    // Assess
    expect(invoker.calls).toEqual([['103']]);
    // As recorded on AWS (LocalStack's test_kinesis_maximum_record_age_exceeded, the same engine): count 1, no responseContext
    expect(outcome.dlq[0]?.requestContext).toMatchObject({ condition: 'RecordAgeExceeded', approximateInvokeCount: 1 });
    expect(outcome.dlq[0]?.responseContext).toBeUndefined();
    expect(outcome.dlqRecords).toEqual([['101', '102']]);
    expect(outcome.checkpoints).toEqual(['102', '103']);
  });
});
