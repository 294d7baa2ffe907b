import { FakeStream } from '../../testing/fake-stream';
import { scriptedInvoker } from '../../testing/scripted-invoker';
import { waitFor } from '../../testing/stack-harness';
import { silentLogger } from '../logging/logger';
import { InMemoryCheckpointStore } from './checkpoint-store';
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

function startPoller(stream: FakeStream, definition: MappingDefinition, checkpoints = new InMemoryCheckpointStore()) {
  const invoker = scriptedInvoker();
  const poller = new MappingPoller({
    mapping: definition,
    invoker,
    destination: undefined,
    streams: stream.client,
    localStreamArn: STREAM,
    region: 'us-east-1',
    checkpoints,
    pollIntervalMs: 5,
    discoveryIntervalMs: 20,
    logger: silentLogger,
  });
  poller.start();
  return { poller, invoker, checkpoints };
}

describe('MappingPoller', () => {
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
    await waitFor(() => stream.calls.some((c) => c === 'GetShardIterator current LATEST'), 'a LATEST iterator');
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
