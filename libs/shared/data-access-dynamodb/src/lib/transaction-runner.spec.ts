/** TransactionConflict cannot be produced by DynamoDB Local (it serializes transactions): a mocked client stands in. */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TransactionRunner } from './transaction-runner';

const cancelled = (...codes: string[]): TransactionCanceledException =>
  new TransactionCanceledException({ message: `Transaction cancelled [${codes.join(', ')}]`, $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const command = new TransactWriteCommand({ ClientRequestToken: 'token', TransactItems: [{ ConditionCheck: { TableName: 't', Key: { id: 'x' }, ConditionExpression: 'attribute_exists(id)' } }] });

describe('TransactionRunner', () => {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const mock = mockClient(documentClient);
  const conflicts: number[] = [];
  const retried: number[] = [];
  const onTransactionConflict = (attempt: number, retrying: boolean): void => {
    conflicts.push(attempt);
    if (retrying) retried.push(attempt);
  };
  const runner = new TransactionRunner(documentClient, { retry: { maxAttempts: 3, baseDelayMs: 1 }, onTransactionConflict });
  beforeEach(() => {
    mock.reset();
    conflicts.length = 0;
    retried.length = 0;
  });

  it('sends a lost race again, the same command, reporting each conflict, until it commits', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict', 'None')).resolves({});

    // Act
    const outcome = await runner.send(command);

    // Assess
    expect(outcome).toBeUndefined();
    expect(mock.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.ClientRequestToken)).toEqual(['token', 'token']);
    expect(conflicts).toEqual([1]);
  });

  it('hands back a condition failure with its reasons by item position, without retrying', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    // Act
    const outcome = await runner.send(command);

    // Assess
    expect(outcome?.reasons.map((r) => r.code)).toEqual(['ConditionalCheckFailed', 'TransactionConflict']);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(conflicts).toEqual([]);
  });

  it('rethrows after maxAttempts lost races, and any error that is not a cancellation at once', async () => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));

    // Act
    const exhausted = runner.send(command);

    // Assess
    await expect(exhausted).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(conflicts).toEqual([1, 2, 3]);
    expect(retried).toEqual([1, 2]);
    mock.reset();
    mock.on(TransactWriteCommand).rejects(new Error('socket hang up'));
    await expect(runner.send(command)).rejects.toThrow('socket hang up');
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('starts no retry once maxElapsedMs has passed, however many attempts are left', async () => {
    // Prepare: each lost race takes 30 ms to come back, on a clock the test moves (not the machine's, so load cannot change the count)
    let now = 1_000_000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    const slowRunner = new TransactionRunner(documentClient, { retry: { maxAttempts: 100, baseDelayMs: 1, maxElapsedMs: 50 }, onTransactionConflict });
    mock.on(TransactWriteCommand).callsFake(async () => {
      now += 30;
      throw cancelled('TransactionConflict');
    });

    // Act
    const outcome = slowRunner.send(command);

    // Assess: the first race is lost at 30 ms (under 50: tried again), the second at 60 ms (no third), not a hundred
    try {
      await expect(outcome).rejects.toBeInstanceOf(TransactionCanceledException);
      expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
      expect(conflicts).toEqual([1, 2]);
      // The last lost race is reported as not tried again, though attempts were left
      expect(retried).toEqual([1]);
    } finally {
      clock.mockRestore();
    }
  });

  it('runs a custom attempt until it settles, and throws what giveUp builds when races keep being lost', async () => {
    // Prepare
    const outcomes: Array<{ settled: string } | { lostRace: unknown }> = [{ lostRace: 'first' }, { settled: 'done' }];

    // Act
    const settled = await runner.run(async () => outcomes.shift() ?? { lostRace: 'never' }, () => new Error('unreachable'));
    const exhausted = runner.run(async () => ({ lostRace: 'conflict' }), (attempts, lastError) => new Error(`${attempts} attempts, last ${String(lastError)}`));

    // Assess
    expect(settled).toBe('done');
    await expect(exhausted).rejects.toThrow('3 attempts, last conflict');
    expect(conflicts).toEqual([1, 1, 2, 3]);
  });
});
