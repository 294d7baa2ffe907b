import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REDRIVEN_FOLDER } from '../destinations/local-queue';
import { readInvocationLog, startFixtureStack, waitFor, type FixtureStack } from '../../testing/stack-harness';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { listMessages, redriveMessages, showMessage } from './dlq-commands';
import { openLocalDlqContext, type OpenedDlqContext } from './dlq-context';

let running: FixtureStack | undefined;
const opened: OpenedDlqContext[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  await running?.stop();
  running = undefined;
});

/** The fixture synth with the consumer's bug fixed (FAIL_MODE none), logging to its own file: what a redeploy would run. */
function fixedSynth(synthPath: string): { synthPath: string; log: string } {
  const synth = JSON.parse(readFileSync(synthPath, 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const consumer = synth.resource['aws_lambda_function']?.['consumer'] as { environment: { variables: Record<string, string> }; filename: string };
  const log = path.join(temporaryStackDirectory(), 'fixed-invocations.jsonl');
  consumer.environment.variables = { ...consumer.environment.variables, FAIL_MODE: 'none', INVOCATION_LOG: log };
  consumer.filename = path.resolve(path.dirname(synthPath), consumer.filename);
  const fixed = path.join(temporaryStackDirectory(), 'cdk.tf.json');
  writeFileSync(fixed, JSON.stringify(synth));
  return { synthPath: fixed, log };
}

async function open(stateDirectory: string, synthPath: string): Promise<{ context: OpenedDlqContext['context']; lines: string[] }> {
  const lines: string[] = [];
  const context = await openLocalDlqContext({ stateDirectory, synthPath, out: (line) => lines.push(line) });
  opened.push(context);
  return { context: context.context, lines };
}

describe('DLQ tooling on the local queue', () => {
  it('lists, shows (stored or read back from the stream), and redrives after a dry run', async () => {
    // Prepare: a poison record that the consumer throws on, no retries.
    running = await startFixtureStack({ mapping: { maximum_retry_attempts: 0, batch_size: 1 }, consumerEnvironment: { FAIL_MODE: 'throw-on-poison' } });
    await running.putProduct('p#poison', { poison: { BOOL: true } });
    const [queued] = await waitFor(async () => (await running?.dlqMessages())?.length && running?.dlqMessages(), 'a DLQ message');
    const fixed = fixedSynth(running.synthPath);
    const { context, lines } = await open(running.stateDirectory, fixed.synthPath);

    // Act
    const listed = await listMessages(context);
    const stored = await showMessage(context, queued?.MessageId.slice(0, 8) ?? '');
    const fromStream = await showMessage(context, queued?.MessageId ?? '', { fromStream: true });
    const dryRun = await redriveMessages(context, [queued?.MessageId ?? '']);
    const afterDryRun = { queued: (await running.dlqMessages()).length, invoked: readInvocationLog(fixed.log).length };
    const applied = await redriveMessages(context, [queued?.MessageId ?? ''], { apply: true });

    // Assess
    expect(listed.map((m) => m.messageId)).toEqual([queued?.MessageId]);
    expect(lines[0]).toBe(`${running.prefix}-consumer-dlq: 1 message`);
    expect(lines[1]).toContain('RetryAttemptsExhausted  1 record');
    expect(stored.origin).toBe('local queue');
    expect(fromStream.origin).toBe('stream');
    expect(fromStream.records).toEqual(stored.records);
    expect(lines).toContainEqual(expect.stringMatching(/ INSERT {2}productId=p#poison$/));
    expect(dryRun[0]?.outcome).toBeUndefined();
    expect(afterDryRun).toEqual({ queued: 1, invoked: 0 });
    expect(applied[0]?.outcome).toMatchObject({ kind: 'redriven', records: 1 });
    const [redelivered] = readInvocationLog(fixed.log);
    expect(redelivered?.event.Records).toEqual(queued?.records);
    expect(await running.dlqMessages()).toEqual([]);
    const archive = path.join(running.stack.stackFile.dlq?.directory ?? '', REDRIVEN_FOLDER);
    expect(readdirSync(archive)).toEqual([expect.stringContaining(queued?.MessageId ?? '?')]);
  });

  it('keeps the message when the function fails again', async () => {
    // Prepare
    running = await startFixtureStack({ mapping: { maximum_retry_attempts: 0 }, consumerEnvironment: { FAIL_MODE: 'throw-on-poison' } });
    await running.putProduct('p#poison', { poison: { BOOL: true } });
    const [queued] = await waitFor(async () => (await running?.dlqMessages())?.length && running?.dlqMessages(), 'a DLQ message');
    const { context, lines } = await open(running.stateDirectory, running.synthPath);

    // Act
    const [result] = await redriveMessages(context, 'all', { apply: true });

    // Assess
    expect(result?.outcome).toMatchObject({ kind: 'failed', reason: 'Error: poison record' });
    expect(lines.at(-1)).toContain(`message ${queued?.MessageId} stays in`);
    expect((await running.dlqMessages()).map((m) => m.MessageId)).toEqual([queued?.MessageId]);
  });
});
