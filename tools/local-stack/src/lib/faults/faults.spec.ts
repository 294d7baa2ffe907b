import { DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { InvalidFaultSettingError } from '../errors';
import type { FunctionInvoker, InvocationResult } from '../lambda/invocation';
import { injectConnectionDrops } from './connection-drops';
import { FaultCounters, seededRandom } from './fault-counters';
import { FaultInjectingInvoker, INJECTED_FAULT_ERROR_TYPE } from './fault-injecting-invoker';
import { describeFaults, faultSettingsFromEnvironment, NO_FAULTS, parseFaultSettings } from './fault-settings';

function countingInvoker(): FunctionInvoker & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    functionName: 'consumer',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
    events,
    async invoke(event: unknown): Promise<InvocationResult> {
      events.push(event);
      return { ok: true, payload: null, requestId: `r${events.length}`, durationMs: 0, coldStart: false };
    },
  };
}

describe('fault settings', () => {
  it('reads LOCAL_STACK_FAULT_* variables', () => {
    // Act
    const settings = faultSettingsFromEnvironment({
      LOCAL_STACK_FAULT_DUPLICATE_BATCHES: '1',
      LOCAL_STACK_FAULT_FAIL_RATE: '0.2',
      LOCAL_STACK_FAULT_DELAY_MS: '50',
      LOCAL_STACK_FAULT_DROP_CONNECTION_EVERY: '7',
      LOCAL_STACK_FAULT_SEED: '42',
    });

    // Assess
    expect(settings).toEqual({ duplicateBatches: true, failRate: 0.2, delayMs: 50, dropConnectionEvery: 7, dynamodb: [], seed: 42 });
    expect(describeFaults(settings)).toEqual(['--fault-duplicate-batches', '--fault-fail-rate 0.2', '--fault-delay-ms 50', '--fault-drop-connection-every 7', '--fault-seed 42']);
    expect(faultSettingsFromEnvironment({})).toEqual(NO_FAULTS);
    expect(faultSettingsFromEnvironment({ LOCAL_STACK_FAULT_DUPLICATE_BATCHES: 'false', LOCAL_STACK_FAULT_FAIL_RATE: '' })).toEqual(NO_FAULTS);
  });

  it.each([
    [{ failRate: '1.5' }, '--fault-fail-rate cannot be "1.5": expected a number from 0 to 1'],
    [{ failRate: 'lots' }, '--fault-fail-rate cannot be "lots"'],
    [{ delayMs: '-1' }, '--fault-delay-ms cannot be "-1"'],
    [{ dropConnectionEvery: '2.5' }, '--fault-drop-connection-every cannot be "2.5": expected an integer'],
    [{ duplicateBatches: 'maybe' }, '--fault-duplicate-batches cannot be "maybe"'],
  ])('refuses %j naming the flag', (raw, message) => {
    // Act & Assess
    expect(() => parseFaultSettings(raw)).toThrow(InvalidFaultSettingError);
    expect(() => parseFaultSettings(raw)).toThrow(message);
  });
});

describe('FaultInjectingInvoker', () => {
  it('fails the chosen fraction of invocations before the handler runs, the same ones for the same seed', async () => {
    // Prepare
    const inner = countingInvoker();
    const counters = new FaultCounters();
    const invoker = new FaultInjectingInvoker(inner, { ...NO_FAULTS, failRate: 0.2 }, counters, seededRandom(7));
    const again = new FaultInjectingInvoker(countingInvoker(), { ...NO_FAULTS, failRate: 0.2 }, new FaultCounters(), seededRandom(7));

    // Act
    const results: InvocationResult[] = [];
    const repeated: boolean[] = [];
    for (let i = 0; i < 500; i++) {
      results.push(await invoker.invoke({ i }));
      repeated.push((await again.invoke({ i })).ok);
    }

    // Assess
    const failed = results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(70);
    expect(failed.length).toBeLessThan(130);
    expect(inner.events).toHaveLength(500 - failed.length); // the handler never saw the failed ones
    expect(failed[0]).toMatchObject({ ok: false, kind: 'Unhandled', error: { errorType: INJECTED_FAULT_ERROR_TYPE } });
    expect(counters.snapshot().injectedFailures).toBe(failed.length);
    expect(repeated).toEqual(results.map((r) => r.ok));
  });

  it('delivers every batch twice, the second outcome counting', async () => {
    // Prepare
    const inner = countingInvoker();
    const counters = new FaultCounters();
    const invoker = new FaultInjectingInvoker(inner, { ...NO_FAULTS, duplicateBatches: true }, counters);

    // Act
    const result = await invoker.invoke({ Records: ['a'] });

    // Assess
    expect(inner.events).toEqual([{ Records: ['a'] }, { Records: ['a'] }]);
    expect(result.requestId).toBe('r2');
    expect(counters.snapshot()).toMatchObject({ duplicatedBatches: 1, injectedFailures: 0 });
  });

  it('delays each invocation', async () => {
    // Prepare
    const counters = new FaultCounters();
    const invoker = new FaultInjectingInvoker(countingInvoker(), { ...NO_FAULTS, delayMs: 60 }, counters);
    const started = Date.now();

    // Act
    await invoker.invoke({});

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(counters.snapshot().delayedInvocations).toBe(1);
  });
});

describe('injectConnectionDrops', () => {
  it('makes every Nth stream request fail with ECONNRESET after DynamoDB answered it', async () => {
    // Prepare: the Jest run's DynamoDB Local.
    const client = new DynamoDBStreamsClient({});
    const counters = new FaultCounters();
    injectConnectionDrops(client, 3, counters);

    // Act
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await client.send(new ListStreamsCommand({ Limit: 1 })).then(
          () => 'ok',
          (error: NodeJS.ErrnoException) => error.code ?? error.name,
        ),
      );
    }
    client.destroy();

    // Assess
    expect(outcomes).toEqual(['ok', 'ok', 'ECONNRESET', 'ok', 'ok', 'ECONNRESET']);
    expect(counters.snapshot().droppedConnections).toBe(2);
  });
});
