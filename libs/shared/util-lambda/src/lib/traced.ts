import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Runs `work` in an X-Ray subsegment named `name` with the cold-start, service and given
 * annotations, as Powertools' `captureLambdaHandler` would. Just runs `work` when there is no
 * tracer or tracing is disabled (off Lambda, or POWERTOOLS_TRACE_ENABLED=false). The Tracer is a
 * type here only: a function that does not trace bundles none of it.
 *
 * @example
 * const order = await traced(tracer, '## placeOrder', { operationId: 'placeOrder' }, () => placeOrder(input));
 */
export async function traced<T>(tracer: Tracer | undefined, name: string, annotations: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const parent = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!tracer || !parent) return work();
  const subsegment = parent.addNewSubsegment(name);
  tracer.setSegment(subsegment);
  try {
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    for (const [key, value] of Object.entries(annotations)) tracer.putAnnotation(key, value);
    return await work();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}
