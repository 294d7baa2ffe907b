/**
 * Durability: `npm start -- --persist DIR` killed with SIGKILL in the middle of a batch resumes,
 * after a restart, right after the last batch whose checkpoint was saved (nothing lost; only the
 * batch in flight delivered again, and the one before it if its checkpoint was still being
 * written); and a DynamoDB Local that dies under the stack is restarted with its data,
 * the mapping reading on.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '@shop/tools-dynamodb-local';
import { createLogger } from './lib/logging/logger';
import { startLocalStack } from './lib/stack/local-stack';
import type { StackFile } from './lib/stack/stack-file';
import { isRunning, startCli, type CliProcess } from './testing/cli-process';
import { writeFixtureStack } from './testing/stack-fixtures';
import { readInvocationLog, waitFor } from './testing/stack-harness';
import { temporaryStackDirectory, uniquePrefix } from './testing/terraform-fixtures';

const keysOf = (log: string): string[][] => readInvocationLog(log).map((i) => i.event.Records.map((r) => r.dynamodb?.Keys?.['productId']?.S as string));

describe('durable checkpoints', () => {
  it('resumes after the last fully processed batch when the stack is killed with SIGKILL mid-batch', async () => {
    // Prepare: a consumer that takes 300 ms per batch of 3, logging when it starts and when it is done.
    const stackDirectory = temporaryStackDirectory();
    const started = path.join(stackDirectory, 'started.jsonl');
    const done = path.join(stackDirectory, 'done.jsonl');
    const synthPath = writeFixtureStack({
      prefix: uniquePrefix('persist'),
      stackDirectory,
      mapping: { batch_size: 3 },
      consumerEnvironment: { INVOCATION_LOG: started, DONE_LOG: done, FAIL_MODE: 'sleep', SLEEP_MS: '300' },
    });
    const persist = mkdtempSync(path.join(tmpdir(), 'local-stack-persist-'));
    const stateDirectory = path.join(stackDirectory, '.local');
    const args = ['--skip-build', '--synth', synthPath, '--state-dir', stateDirectory, '--persist', persist, '--port', '0', '--poll-interval-ms', '50'];
    const products = Array.from({ length: 12 }, (_, i) => `p#${String(i).padStart(2, '0')}`);
    let second: CliProcess | undefined;
    const first = startCli(args);
    try {
      const firstJava = (await first.next((l) => l.message === 'DynamoDB Local is up', 60_000))['javaPid'] as number;
      await first.next((l) => l.message === 'ready', 60_000);
      const stackFile = JSON.parse(readFileSync(path.join(stateDirectory, 'stack.json'), 'utf8')) as StackFile;
      const client = new DynamoDBClient({ endpoint: stackFile.dynamodbEndpoint, region: stackFile.region, credentials: LOCAL_CREDENTIALS });
      for (const productId of products) await client.send(new PutItemCommand({ TableName: Object.values(stackFile.tables)[0], Item: { productId: { S: productId } } }));
      client.destroy();

      // Act: SIGKILL once two batches are done and a third is in the handler.
      await waitFor(() => keysOf(done).length >= 2 && keysOf(started).length > keysOf(done).length, 'a batch in flight after two done', 20_000);
      process.kill(stackFile.pid, 'SIGKILL');
      await first.exited;
      await waitFor(() => !isRunning(firstJava), 'the first JVM gone', 10_000);
      // At most one batch is in flight (factor 1): the last one started; it may have finished in the
      // handler without being checkpointed yet, so it counts as in flight either way. The lane runs
      // it while the previous batch's checkpoint is written: that one comes again too if the kill
      // came before its fsync.
      const doneBeforeKill = keysOf(done);
      const startedBeforeKill = keysOf(started);
      const inFlight = startedBeforeKill[startedBeforeKill.length - 1] ?? [];
      const previous = startedBeforeKill[startedBeforeKill.length - 2] ?? [];
      second = startCli(args);
      await second.next((l) => l.message === 'ready', 60_000);
      await waitFor(() => new Set(keysOf(done).flat()).size === products.length, 'every record processed after the restart', 20_000);

      // Assess
      const redelivered = keysOf(started).slice(startedBeforeKill.length).flat();
      const again = redelivered.slice(0, previous.length).join() === previous.join() ? [...previous, ...inFlight] : inFlight;
      const processedTwice = products.filter((key) => keysOf(done).flat().filter((k) => k === key).length > 1);
      expect(doneBeforeKill.length).toBeGreaterThanOrEqual(2);
      expect(redelivered.slice(0, again.length)).toEqual(again); // the batch in flight (after the one before it, at most) comes first, again
      expect(redelivered.filter((key) => !again.includes(key) && startedBeforeKill.flat().includes(key))).toEqual([]); // nothing else seen before comes again
      expect(processedTwice.filter((key) => !again.includes(key))).toEqual([]); // processed twice: only those
      expect([...new Set(keysOf(done).flat())].sort()).toEqual(products); // nothing lost
      expect(second.lines).toContainEqual(expect.objectContaining({ component: 'ddb', message: 'table already there' }));
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
      if (second && second.child.exitCode === null) {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    }
  }, 150_000);

  it('restarts a DynamoDB Local that dies under the stack, and the mapping reads on without losing or repeating a record', async () => {
    // Prepare: the stack's own DynamoDB Local, its data on disk.
    const stackDirectory = temporaryStackDirectory();
    const log = path.join(stackDirectory, 'invocations.jsonl');
    const prefix = uniquePrefix('restart');
    const synthPath = writeFixtureStack({ prefix, stackDirectory, consumerEnvironment: { INVOCATION_LOG: log } });
    const lines: Array<Record<string, unknown>> = [];
    const stack = await startLocalStack({
      synthPath,
      stateDirectory: path.join(stackDirectory, '.local'),
      persistDirectory: mkdtempSync(path.join(tmpdir(), 'local-stack-persist-')),
      port: 0,
      pollIntervalMs: 25,
      faults: {},
      logger: createLogger({ format: 'json', level: 'debug', sink: { writeLine: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } }),
    });
    const client = new DynamoDBClient({ endpoint: stack.dynamodbEndpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    const put = (productId: string) => client.send(new PutItemCommand({ TableName: `${prefix}-products`, Item: { productId: { S: productId } } }));
    const firstJava = stack.dynamodbJavaPid() as number;
    try {
      for (const id of ['a', 'b', 'c']) await put(id);
      await waitFor(() => keysOf(log).flat().length === 3, 'the first three records');

      // Act: the JVM is killed under the running stack.
      process.kill(firstJava, 'SIGKILL');
      await waitFor(() => lines.some((l) => l['message'] === 'DynamoDB Local is up again'), 'DynamoDB Local restarted', 30_000);
      for (const id of ['d', 'e', 'f']) await put(id);
      await waitFor(() => keysOf(log).flat().length >= 6, 'the records written after the restart');
      // A record delivered twice would come after these; no event marks "nothing more to deliver",
      // so eight poll intervals are given for a repeat to show before the log is read.
      await new Promise((resolve) => setTimeout(resolve, 200));

      // Assess
      expect(keysOf(log).flat()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(stack.dynamodbJavaPid()).not.toBe(firstJava);
      expect(lines).toContainEqual(expect.objectContaining({ message: 'cannot read the shard; retrying' }));
      expect(lines).toContainEqual(expect.objectContaining({ message: 'reading the shard again' }));
      expect(stack.pollerStatus()[0]).toMatchObject({ state: 'polling', problem: undefined });
    } finally {
      client.destroy();
      await stack.stop();
    }
    expect(isRunning(stack.dynamodbJavaPid() as number)).toBe(false);
  }, 60_000);
});
