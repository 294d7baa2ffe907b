import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { mapConcurrently } from '@shop/shared-util-async';
import { compareSequenceNumbers, inLineageOrder, latestStreamArn, listShards } from '@shop/shared-util-dynamodb-streams';
import type { CheckpointFile } from '@shop/tools-local-stack';
import { createShortfalls } from '../support/shortfalls';
import { startFaultStack, type FaultStack } from '../support/fault-stack';
import { readMappingMetrics } from '../support/stack-files';
import { waitUntil } from '../support/wait';

/**
 * Makes a folder refuse new files, as a read-only mount does. Root ignores permission bits, so
 * as root the folder is made immutable (`chattr +i`, ext4 and most Linux file systems).
 */
function setReadOnly(directory: string, readOnly: boolean): void {
  if (process.getuid?.() === 0) execFileSync('chattr', [readOnly ? '+i' : '-i', directory]);
  else chmodSync(directory, readOnly ? 0o555 : 0o755);
}

/** Whether a file can be created in `directory` right now. */
function writable(directory: string): boolean {
  const probe = path.join(directory, `.probe-${randomUUID()}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** The checkpoint the mapping has on disk (the dev stack has one mapping and one open shard). */
function checkpointOnDisk(directory: string): string | undefined {
  const files = readdirSync(directory).filter((file) => file.endsWith('.json'));
  const sequenceNumbers = files.flatMap((file) => Object.values((JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as CheckpointFile).shards).map((shard) => shard.sequenceNumber));
  return sequenceNumbers.filter((n): n is string => n !== undefined).sort(compareSequenceNumbers).at(-1);
}

/** The sequence number of the last record in the Products stream. */
async function lastRecordInStream(faulty: FaultStack, streams: DynamoDBStreamsClient): Promise<string | undefined> {
  const streamArn = await latestStreamArn(faulty.stack.ddb, faulty.process.endpoints.tables.products);
  let last: string | undefined;
  for (const shard of inLineageOrder(await listShards(streams, streamArn))) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      last = page.Records?.at(-1)?.dynamodb?.SequenceNumber ?? last;
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return last;
}

describe('checkpoint writes failing under --persist', () => {
  let faulty: FaultStack | undefined;
  let checkpoints: string | undefined;
  afterAll(async () => {
    if (checkpoints) setReadOnly(checkpoints, false);
    await faulty?.stop();
  });

  it('reports the problem by name, keeps the stack up, and loses or repeats nothing once the folder is writable again', async () => {
    // Prepare: a stack with --persist, a first set of shortfalls replenished and checkpointed
    const stateDirectory = mkdtempSync(path.join(tmpdir(), 'shop-checkpoint-fault-'));
    faulty = await startFaultStack({ stateDirectory, persistDirectory: path.join(stateDirectory, 'persist') });
    const running = faulty;
    checkpoints = path.join(stateDirectory, 'persist', 'checkpoints');
    const folder = checkpoints;
    const before = await createShortfalls(running.stack.api, 'before', 5);
    await running.stack.barrier(60_000);
    const checkpointBefore = checkpointOnDisk(folder);

    // Act: the checkpoint folder turns read-only while changes keep coming, then writable again
    setReadOnly(folder, true);
    expect(writable(folder)).toBe(false);
    const during = await createShortfalls(running.stack.api, 'during', 5);
    const failing = await waitUntil(() => {
      const entry = readMappingMetrics(stateDirectory);
      return entry.problem?.includes('checkpoint') && entry;
    }, 'metrics.json to report the checkpoint problem', 30_000);
    const productWhileFailing = await running.stack.api.getProduct(before[0] as string);
    setReadOnly(folder, false);
    const after = await createShortfalls(running.stack.api, 'after', 5);
    await running.stack.barrier(60_000);

    // Assess: named for what it is, in metrics.json and in the log; the stack answered meanwhile
    expect(failing).toMatchObject({ state: 'polling', problem: expect.stringMatching(/^PROBLEM: a checkpoint cannot be saved \(CheckpointStoreError: Cannot write the checkpoint file: /) });
    expect(productWhileFailing.productId).toBe(before[0]);
    const esm = running.process.logLines().filter((line) => line.component.startsWith('esm:'));
    expect(esm.some((line) => line.level === 'error' && line.message.startsWith('a checkpoint cannot be saved'))).toBe(true);
    expect(esm.some((line) => line.message === 'checkpoints are saved again')).toBe(true);
    expect(esm.some((line) => line.message.includes('may not read the stream'))).toBe(false);
    // Nothing lost: every shortfall replenished exactly once (the barrier speaks for its own lane
    // only: the other of the two lanes may still be catching up)
    const replenishments = (): Promise<number[]> => mapConcurrently([...before, ...during, ...after], 4, async (id) => (await running.stack.api.listReplenishments(id)).items.length);
    await waitUntil(async () => (await replenishments()).every((n) => n > 0), 'every shortfall replenished', 30_000);
    const counts = await replenishments();
    expect(counts).toEqual(counts.map(() => 1));
    // Nothing repeated: once metrics.json (rewritten every second) shows every record read as
    // handled, each was invoked once (the held batch was not delivered again)
    const mapping = await waitUntil(() => {
      const entry = readMappingMetrics(stateDirectory);
      const { PolledEventCount, FilteredOutEventCount, InvokedEventCount } = entry.metrics;
      return entry.problem === null && InvokedEventCount >= PolledEventCount - FilteredOutEventCount && entry;
    }, 'metrics.json to clear the problem and count every record read as handled', 10_000);
    const { PolledEventCount, FilteredOutEventCount, InvokedEventCount, FailedInvokeEventCount } = mapping.metrics;
    expect({ invoked: InvokedEventCount, failed: FailedInvokeEventCount }).toEqual({ invoked: PolledEventCount - FilteredOutEventCount, failed: 0 });
    // And the checkpoint on disk caught up: a restart now would deliver nothing again
    const last = await lastRecordInStream(running, running.stack.streams);
    await waitUntil(() => checkpointOnDisk(folder) === last, `the checkpoint on disk to reach ${last}`, 10_000);
    expect(BigInt(last as string)).toBeGreaterThan(BigInt(checkpointBefore as string));
  });
});
