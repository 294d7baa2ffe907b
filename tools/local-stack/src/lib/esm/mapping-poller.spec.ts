import { FakeStream } from '../../testing/fake-stream';
import { scriptedInvoker } from '../../testing/scripted-invoker';
import { waitFor } from '../../testing/stack-harness';
import { silentLogger } from '../logging/logger';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { OnFailureMessage } from '../destinations/failure-message';
import { LocalQueue, type OnFailureDestination } from '../destinations/local-queue';
import type { FunctionInvoker, InvocationResult } from '../lambda/invocation';
import { createLogger, type Logger } from '../logging/logger';
import { CheckpointStoreError } from '../errors';
import { InMemoryCheckpointStore, type CheckpointStore, type ShardCheckpoint } from './checkpoint-store';
import { partitionLane } from './partition-lane';
import type { MappingDefinition } from './mapping-definition';
import { MappingPoller } from './mapping-poller';

const STREAM = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/label';
const mapping = (overrides: Partial<MappingDefinition> = {}): MappingDefinition => ({
  address: 'aws_lambda_event_source_mapping.test',
  uuid: '00000000-0000-5000-8000-000000000000',
  functionName: 'consumer',
  eventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/label',
  startingPosition: 'TRIM_HORIZON',
  batchSize: 10,
  maximumBatchingWindowInSeconds: 0,
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  parallelizationFactor: 1,
  reportBatchItemFailures: false,
  filters: [],
  onFailureDestinationArn: undefined,
  enabled: true,
  metricsEnabled: true,
  inert: [],
  ...overrides,
});

function startPoller(
  stream: FakeStream,
  definition: MappingDefinition,
  checkpoints: CheckpointStore = new InMemoryCheckpointStore(),
  extras: { invoker?: FunctionInvoker; destination?: OnFailureDestination; logger?: Logger } = {},
) {
  const invoker = scriptedInvoker();
  const poller = new MappingPoller({
    mapping: definition,
    invoker: extras.invoker ?? invoker,
    destination: extras.destination,
    streams: stream.client,
    localStreamArn: STREAM,
    region: 'us-east-1',
    checkpoints,
    pollIntervalMs: 5,
    discoveryIntervalMs: 20,
    logger: extras.logger ?? silentLogger,
  });
  poller.start();
  return { poller, invoker, checkpoints };
}

describe('MappingPoller', () => {
  it('reads a backlog in full GetRecords pages (1,000, AWS\'s limit) and still delivers batches of exactly BatchSize, in order', async () => {
    // Prepare: 2,500 records waiting, batch size 10
    const stream = new FakeStream().addShard('shard');
    const keys = Array.from({ length: 2500 }, (_, i) => `k${i}`);
    for (const key of keys) stream.put('shard', key);

    // Act
    const { poller, invoker } = startPoller(stream, mapping({ batchSize: 10 }));
    await waitFor(() => invoker.keys.flat().length === 2500, 'the whole backlog', 30_000);
    await poller.stop();

    // Assess
    expect(invoker.calls.every((batch) => batch.length === 10)).toBe(true);
    expect(invoker.keys.flat()).toEqual(keys);
    const pages = stream.reads.filter((read) => read.returned > 0);
    expect(pages.map((read) => read.returned)).toEqual([1000, 1000, 500]);
    expect(stream.reads.every((read) => read.limit === 1000)).toBe(true);
  });

  it('reads ahead up to five full pages while the function works, and no further until records are done', async () => {
    // Prepare: 7,000 records waiting; the function holds every batch until released.
    const stream = new FakeStream().addShard('shard');
    const keys = Array.from({ length: 7000 }, (_, i) => `k${i}`);
    for (const key of keys) stream.put('shard', key);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const delivered: string[] = [];
    const held: FunctionInvoker = {
      functionName: 'consumer',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
      async invoke(event: unknown): Promise<InvocationResult> {
        await gate;
        delivered.push(...(event as DynamoDBStreamEvent).Records.map((r) => r.dynamodb?.Keys?.['pk']?.S as string));
        return { requestId: 'req', durationMs: 1, coldStart: false, ok: true, payload: null };
      },
    };
    const pagesRead = (): number[] => stream.reads.filter((read) => read.returned > 0).map((read) => read.returned);

    // Act
    const { poller } = startPoller(stream, mapping({ batchSize: 100 }), undefined, { invoker: held });
    await waitFor(() => pagesRead().length >= 5, 'five pages read while the first batch is held');
    await new Promise((resolve) => setTimeout(resolve, 100)); // proves an absence: no sixth page while nothing is done
    const whileHeld = pagesRead();
    release();
    await waitFor(() => delivered.length === keys.length, 'the whole backlog', 30_000);
    await poller.stop();

    // Assess
    expect(whileHeld).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(pagesRead()).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    expect(delivered).toEqual(keys);
  });

  it('delivers a parent shard\'s records before its children\'s, and reads shards found while running', async () => {
    // Prepare: a closed parent with two records, its open child already holding one.
    const stream = new FakeStream().addShard('parent').addShard('child', 'parent');
    stream.put('parent', 'p1');
    stream.put('parent', 'p2');
    stream.close('parent');
    stream.put('child', 'c1');

    // Act
    const { poller, invoker } = startPoller(stream, mapping());
    await waitFor(() => invoker.keys.flat().length === 3, 'the first three records');
    stream.addShard('grandchild', 'child');
    stream.put('grandchild', 'g1');
    stream.put('child', 'c2');
    stream.close('child');
    await waitFor(() => invoker.keys.flat().length === 5, 'five records');
    await poller.stop();

    // Assess
    expect(invoker.keys.flat()).toEqual(['p1', 'p2', 'c1', 'c2', 'g1']);
  });

  it('applies LATEST to the shards open at start and skips closed ones', async () => {
    // Prepare
    const stream = new FakeStream().addShard('old').addShard('current', 'old');
    stream.put('old', 'old-1');
    stream.close('old');
    stream.put('current', 'before-start');

    // Act
    const { poller, invoker } = startPoller(stream, mapping({ startingPosition: 'LATEST' }));
    await waitFor(() => stream.calls.filter((c) => c === 'GetRecords').length >= 2, 'LATEST resolved to a position');
    stream.put('current', 'after-start');
    await waitFor(() => invoker.keys.flat().length === 1, 'one record');
    await poller.stop();

    // Assess
    expect(invoker.keys.flat()).toEqual(['after-start']);
  });

  it('resumes each shard after its checkpoint on restart', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    stream.put('shard-1', 'a');
    const first = startPoller(stream, mapping());
    await waitFor(() => first.invoker.keys.length === 1, 'the first batch');
    await first.poller.stop();
    stream.put('shard-1', 'b');

    // Act
    const second = startPoller(stream, mapping(), first.checkpoints);
    await waitFor(() => second.invoker.keys.length === 1, 'the batch after the restart');
    await second.poller.stop();

    // Assess
    expect(second.invoker.keys).toEqual([['b']]);
  });
});

/** An invoker that takes `delayMs` per batch and records what it saw, and how many ran at once. */
function slowInvoker(delayMs: number) {
  const batches: Array<Array<{ key: string; version: number; sequenceNumber: string }>> = [];
  let running = 0;
  const state = { maxConcurrent: 0 };
  const invoker: FunctionInvoker = {
    functionName: 'consumer',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
    async invoke(event: unknown): Promise<InvocationResult> {
      running += 1;
      state.maxConcurrent = Math.max(state.maxConcurrent, running);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      running -= 1;
      batches.push(
        (event as DynamoDBStreamEvent).Records.map((r) => ({
          key: r.dynamodb?.Keys?.['pk']?.S as string,
          version: Number(r.dynamodb?.NewImage?.['version']?.N),
          sequenceNumber: r.dynamodb?.SequenceNumber as string,
        })),
      );
      return { ok: true, payload: null, requestId: `r${batches.length}`, durationMs: delayMs, coldStart: false };
    },
  };
  return { invoker, batches, state };
}

const keyInLane = (lane: number, factor: number, exclude: readonly string[] = []): string => {
  for (let i = 0; ; i++) {
    const key = `item-${i}`;
    if (!exclude.includes(key) && partitionLane({ dynamodb: { Keys: { pk: { S: key } } } }, factor) === lane) return key;
  }
};

describe('MappingPoller, beyond the basics', () => {
  it('runs up to ParallelizationFactor batches of a shard at once, keeping each item\'s changes in order', async () => {
    // Prepare: 6 items × 5 versions, interleaved, in one shard.
    const stream = new FakeStream().addShard('shard-1');
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (let version = 1; version <= 5; version++) for (const key of keys) stream.put('shard-1', key, { version });
    const { invoker, batches, state } = slowInvoker(15);

    // Act
    const { poller } = startPoller(stream, mapping({ parallelizationFactor: 3, batchSize: 2 }), undefined, { invoker });
    await waitFor(() => batches.flat().length === 30, 'all 30 records');
    await poller.stop();

    // Assess
    expect(state.maxConcurrent).toBeGreaterThan(1);
    expect(state.maxConcurrent).toBeLessThanOrEqual(3);
    for (const key of keys) {
      expect(batches.flat().filter((r) => r.key === key).map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    }
    for (const batch of batches) expect(new Set(batch.map((r) => partitionLane({ dynamodb: { Keys: { pk: { S: r.key } } } }, 3))).size).toBe(1);
  });

  it('resumes each lane after its own checkpoint: what a lane finished ahead of the shard is not delivered again', async () => {
    // Prepare: lane 0 had done only the first record; lane 1 had run ahead to its first record.
    const stream = new FakeStream().addShard('shard-1');
    const slow = keyInLane(0, 2);
    const fast = keyInLane(1, 2);
    const [s1, s2, s3, s4] = [stream.put('shard-1', slow), stream.put('shard-1', slow), stream.put('shard-1', fast), stream.put('shard-1', fast)];
    const checkpoints = new InMemoryCheckpointStore();
    const definition = mapping({ parallelizationFactor: 2 });
    await checkpoints.save(`${definition.uuid}|${definition.eventSourceArn}`, 'shard-1', { sequenceNumber: s1, finished: false, lanes: { factor: 2, sequenceNumbers: [s1 as string, s3 as string] } });

    // Act
    const { poller, invoker } = startPoller(stream, definition, checkpoints);
    await waitFor(() => invoker.calls.flat().length === 2, 'the two records not done yet');
    // The records done before the restart must never come: no event marks that, so ten 5 ms poll
    // intervals are given for one to show before stopping.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();

    // Assess
    expect(invoker.calls.flat().sort()).toEqual([s2, s4].sort());
    const [saved] = (await checkpoints.load(`${definition.uuid}|${definition.eventSourceArn}`)).values();
    expect(saved).toMatchObject({ sequenceNumber: s4, lanes: { factor: 2, sequenceNumbers: [s2, s4] } });
  });

  it('runs a lane\'s next batch while the last one\'s checkpoint is written, and none after it until that checkpoint is saved', async () => {
    // Prepare: saves that finish only when let go, as a slow disk's fsync
    const stream = new FakeStream().addShard('shard-1');
    const checkpoints = new GatedCheckpointStore();
    const { poller, invoker } = startPoller(stream, mapping({ batchSize: 1 }), checkpoints);
    const [a, b, c] = ['a', 'b', 'c'].map((key) => stream.put('shard-1', key));

    // Act: a's checkpoint is being written
    await waitFor(() => invoker.calls.length === 2, 'the batch after the one being saved');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const whileSavingA = invoker.calls.flat();
    checkpoints.release();
    await waitFor(() => invoker.calls.length === 3, 'the third batch once the first checkpoint is saved');
    checkpoints.open = true;
    checkpoints.release();
    await waitFor(async () => (await checkpoints.load(`${mapping().uuid}|${mapping().eventSourceArn}`)).get('shard-1')?.sequenceNumber === c, 'the last checkpoint saved');
    await poller.stop();

    // Assess: one batch ahead of the disk, not two; every checkpoint saved in the end
    expect(whileSavingA).toEqual([a, b]);
    expect(invoker.calls.flat()).toEqual([a, b, c]);
  });

  it('sends records older than MaximumRecordAgeInSeconds to the on-failure destination without invoking the function', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const old = [stream.put('shard-1', 'old-1', { createdAt: new Date(Date.now() - 125_000) }), stream.put('shard-1', 'old-2', { createdAt: new Date(Date.now() - 121_000) })];
    const fresh = stream.put('shard-1', 'fresh');
    const queue = new LocalQueue({ name: 'dlq', arn: 'arn:aws:sqs:us-east-1:000000000000:dlq', url: 'u', directory: mkdtempSync(path.join(tmpdir(), 'age-dlq-')) });

    // Act
    const { poller, invoker } = startPoller(stream, mapping({ maximumRecordAgeInSeconds: 60 }), undefined, { destination: queue });
    await waitFor(() => invoker.calls.length === 1, 'the fresh record invoked');
    await poller.stop();

    // Assess
    expect(invoker.calls).toEqual([[fresh]]);
    const [message] = await queue.list();
    expect(JSON.parse(message?.Body ?? '{}') as OnFailureMessage).toMatchObject({
      requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 1 },
      DDBStreamBatchInfo: { startSequenceNumber: old[0], endSequenceNumber: old[1], batchSize: 2 },
    });
    expect(poller.status().metrics.counts).toMatchObject({ DroppedEventCount: 2, OnFailureDestinationDeliveredEventCount: 2, InvokedEventCount: 1 });
  });

  it('lets go of a shard trimmed out of the stream, so its children are read', async () => {
    // Prepare: an open parent whose records were read, and a child waiting for it.
    const stream = new FakeStream().addShard('parent').addShard('child', 'parent');
    stream.put('parent', 'p1');
    stream.put('child', 'c1');
    const { poller, invoker } = startPoller(stream, mapping());
    await waitFor(() => invoker.keys.flat().includes('p1'), 'the parent\'s record');

    // Act
    stream.trim('parent');
    await waitFor(() => invoker.keys.flat().includes('c1'), 'the child\'s record');
    await poller.stop();

    // Assess
    expect(invoker.keys.flat()).toEqual(['p1', 'c1']);
  });

  it.each([['DescribeStream'], ['GetShardIterator'], ['GetRecords']])(
    'stops the mapping with AWS\'s message, and no retry loop, when its role may not call %s',
    async (action) => {
      // Prepare
      const stream = new FakeStream().addShard('shard-1');
      stream.put('shard-1', 'a');
      stream.denied.add(action);
      const lines: string[] = [];
      const logger = createLogger({ format: 'json', sink: { writeLine: (line) => lines.push(line) } });

      // Act
      const { poller, invoker } = startPoller(stream, mapping(), undefined, { logger });
      await waitFor(() => poller.status().state === 'failed', 'the mapping failed');
      const callsWhenFailed = stream.calls.length;
      // A failed mapping must not read again: no event marks that, so twenty 5 ms poll intervals are
      // given for a retry to show before stopping.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await poller.stop();

      // Assess
      expect(poller.status()).toMatchObject({ state: 'failed', problem: expect.stringContaining(`PROBLEM: AccessDeniedException: User: arn:aws:sts::000000000000:assumed-role/consumer/consumer is not authorized to perform: dynamodb:${action}`) });
      expect(stream.calls.length).toBe(callsWhenFailed);
      expect(invoker.calls).toEqual([]);
      const errors = lines.map((line) => JSON.parse(line) as { level: string; message: string }).filter((line) => line.level === 'error');
      expect(errors).toEqual([expect.objectContaining({ message: expect.stringContaining('mapping stopped: the role of consumer may not read the stream') })]);
    },
  );

  it('survives dropped connections without losing or repeating a record', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const written = Array.from({ length: 12 }, (_, i) => stream.put('shard-1', `k${i}`));
    stream.inject('ConnectionReset', 'ConnectionReset');

    // Act
    const { poller, invoker } = startPoller(stream, mapping({ batchSize: 3 }));
    await waitFor(() => invoker.calls.flat().length >= 12, 'every record');
    stream.inject('ConnectionReset');
    const late = stream.put('shard-1', 'late');
    await waitFor(() => invoker.calls.flat().includes(late), 'the record written after another drop');
    await poller.stop();

    // Assess
    expect(invoker.calls.flat()).toEqual([...written, late]);
  });
});

/** A checkpoint store whose writes fail while `failing` is set, as a read-only or full disk does. */
class FlakyCheckpointStore extends InMemoryCheckpointStore {
  failing = false;
  failedSaves = 0;

  override async save(scope: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    if (this.failing) {
      this.failedSaves += 1;
      throw new CheckpointStoreError('/persist/checkpoints/mapping.json', 'Cannot write the checkpoint file: EROFS: read-only file system');
    }
    return super.save(scope, shardId, checkpoint);
  }
}

/** A checkpoint store whose saves wait until `release` (all waiting ones) or `open` is set. */
class GatedCheckpointStore extends InMemoryCheckpointStore {
  open = false;
  private waiting: Array<() => void> = [];

  override async save(scope: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    if (!this.open) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return super.save(scope, shardId, checkpoint);
  }

  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

describe('MappingPoller, when what it writes to fails', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('holds the shard while checkpoints cannot be saved, reports it by name, and goes on without losing or repeating a record once they can', async () => {
    // Prepare: two records delivered and checkpointed, then the disk goes read-only
    const stream = new FakeStream().addShard('shard-1');
    const before = [stream.put('shard-1', 'a'), stream.put('shard-1', 'b')];
    const checkpoints = new FlakyCheckpointStore();
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', sink: { writeLine: (line) => lines.push(line) } });
    const definition = mapping({ batchSize: 1, parallelizationFactor: 2 });
    const { poller, invoker } = startPoller(stream, definition, checkpoints, { logger });
    await waitFor(() => invoker.calls.flat().length === 2, 'the first two records');
    checkpoints.failing = true;

    // Act: records written while checkpoints fail, then the disk is writable again
    const during = ['c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((key) => stream.put('shard-1', key));
    await waitFor(() => checkpoints.failedSaves >= 3, 'checkpoint saves failing');
    const whileFailing = poller.status();
    const invokedWhileFailing = invoker.calls.flat().length;
    checkpoints.failing = false;
    await waitFor(() => invoker.calls.flat().length === 10 && poller.status().problem === undefined, 'every record, and the problem gone');
    const after = stream.put('shard-1', 'k');
    await waitFor(() => invoker.calls.flat().includes(after), 'a record written after the recovery');
    await poller.stop();

    // Assess: named for what it is, the mapping kept polling, and every record was delivered once
    expect(whileFailing).toMatchObject({ state: 'polling', problem: expect.stringMatching(/^PROBLEM: a checkpoint cannot be saved \(CheckpointStoreError: Cannot write the checkpoint file: EROFS/) });
    // Each lane holds once it is a batch ahead of a checkpoint it could not save: 2 batches each at most
    expect(invokedWhileFailing).toBeLessThanOrEqual(2 + 2 * 2);
    expect(invoker.calls.flat()).toEqual(expect.arrayContaining([...before, ...during, after]));
    expect(invoker.calls.flat()).toHaveLength(11);
    const [saved] = (await checkpoints.load(`${definition.uuid}|${definition.eventSourceArn}`)).values();
    expect(saved?.sequenceNumber).toBe(after);
    const messages = lines.map((line) => JSON.parse(line) as { level: string; message: string });
    expect(messages).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'error', message: expect.stringContaining('a checkpoint cannot be saved') }),
      expect.objectContaining({ level: 'info', message: 'checkpoints are saved again' }),
    ]));
    expect(messages.some((m) => m.message.includes('may not read the stream'))).toBe(false);
    expect(unhandled).toEqual([]);
  });

  it('restarts a shard whose records could not be sent to the on-failure destination, from its last checkpoint, and says so by name', async () => {
    // Prepare: a poison record given up on at once, and a destination that fails its first delivery
    const stream = new FakeStream().addShard('shard-1');
    const fine = stream.put('shard-1', 'fine');
    const poison = stream.put('shard-1', 'poison');
    const delivered: OnFailureMessage[] = [];
    let deliveries = 0;
    const destination: OnFailureDestination = {
      arn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      async deliver(message) {
        deliveries += 1;
        if (deliveries === 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        delivered.push(message);
        return { MessageId: 'm', Body: JSON.stringify(message), MD5OfBody: '', Attributes: { SentTimestamp: '0', ApproximateReceiveCount: '0' }, records: [] };
      },
    };
    const invoker = scriptedInvoker((seqs) => (seqs.includes(poison) ? new Error('poison') : null));
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', sink: { writeLine: (line) => lines.push(line) } });

    // Act
    const { poller } = startPoller(stream, mapping({ batchSize: 1, maximumRetryAttempts: 0 }), undefined, { invoker, destination, logger });
    await waitFor(() => delivered.length === 1 && poller.status().problem === undefined, 'the second delivery, and the problem gone');
    const late = stream.put('shard-1', 'late');
    await waitFor(() => invoker.calls.flat().includes(late), 'the next record');
    await poller.stop();

    // Assess
    expect(poller.status().state).toBe('stopped');
    expect(invoker.calls).toEqual([[fine], [poison], [poison], [late]]); // the batch in flight, delivered again
    expect(delivered.map((m) => m.DDBStreamBatchInfo.startSequenceNumber)).toEqual([poison]);
    const errors = lines.map((line) => JSON.parse(line) as { level: string; message: string; error?: string }).filter((line) => line.level === 'error');
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ message: 'shard stopped: records cannot be sent to the on-failure destination; starting it again from its last checkpoint', error: expect.stringMatching(/^OnFailureDeliveryError: .*ENOSPC/) }),
    ]));
    expect(errors.some((line) => line.message.includes('may not read the stream'))).toBe(false);
    expect(unhandled).toEqual([]);
  });
});
