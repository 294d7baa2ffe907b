import type { Tracer } from '@aws-lambda-powertools/tracer';
import { traced } from './traced';

/** A recording stand-in for the few Tracer methods `traced` uses (X-Ray needs a Lambda segment). */
function recordingTracer(enabled: boolean) {
  const events: string[] = [];
  const subsegment = { close: () => events.push('close') };
  const segment = { addNewSubsegment: (name: string) => (events.push(`open ${name}`), subsegment) };
  const tracer = {
    isTracingEnabled: () => enabled,
    getSegment: () => segment,
    setSegment: (s: unknown) => events.push(s === subsegment ? 'enter subsegment' : 'back to parent'),
    annotateColdStart: () => events.push('annotate ColdStart'),
    addServiceNameAnnotation: () => events.push('annotate Service'),
    putAnnotation: (key: string, value: string) => events.push(`annotate ${key}=${value}`),
    addErrorAsMetadata: (error: Error) => events.push(`error ${error.message}`),
  };
  return { tracer: tracer as unknown as Tracer, events };
}

describe('traced', () => {
  it('runs the work in an annotated subsegment and restores the parent', async () => {
    // Prepare
    const { tracer, events } = recordingTracer(true);

    // Act
    const result = await traced(tracer, '## placeOrder', { operationId: 'placeOrder' }, async () => 42);

    // Assess
    expect(result).toBe(42);
    expect(events).toEqual([
      'open ## placeOrder',
      'enter subsegment',
      'annotate ColdStart',
      'annotate Service',
      'annotate operationId=placeOrder',
      'close',
      'back to parent',
    ]);
  });

  it('records a failure on the subsegment and rethrows it', async () => {
    // Prepare
    const { tracer, events } = recordingTracer(true);

    // Act
    const attempt = traced(tracer, '## getOrder', {}, async () => {
      throw new Error('boom');
    });

    // Assess
    await expect(attempt).rejects.toThrow('boom');
    expect(events.slice(-3)).toEqual(['error boom', 'close', 'back to parent']);
  });

  it('only runs the work without a tracer or with tracing disabled', async () => {
    // Prepare
    const { tracer, events } = recordingTracer(false);

    // Act
    const results = [await traced(undefined, 'x', {}, async () => 1), await traced(tracer, 'x', {}, async () => 2)];

    // Assess
    expect(results).toEqual([1, 2]);
    expect(events).toEqual([]);
  });
});
