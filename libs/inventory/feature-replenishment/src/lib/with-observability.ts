import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

/** What {@link withObservability} instruments with. The tracer is optional: see the app's main.ts. */
export interface HandlerObservability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer?: Tracer;
}

/**
 * Wraps a Lambda handler the way Powertools' middleware would, without middy: Lambda context in
 * every log line, the invocation's metrics flushed (EMF) whether it succeeds or throws and, when
 * a tracer is given, a `## handler` X-Ray subsegment with cold-start and service annotations.
 * Off Lambda the tracer is disabled by Powertools, so this is harmless locally.
 *
 * @example
 * export const handler = withObservability(createReplenishmentStreamHandler(deps), { logger, metrics });
 */
export function withObservability<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  { logger, metrics, tracer }: HandlerObservability,
): (event: TEvent, context: Context) => Promise<TResult> {
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric();
    const handlerName = process.env['_HANDLER'] ?? 'handler';
    const segment = tracer?.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${handlerName}`);
    if (subsegment) tracer?.setSegment(subsegment);
    tracer?.annotateColdStart();
    tracer?.addServiceNameAnnotation();
    try {
      const result = await handler(event, context);
      tracer?.addResponseAsMetadata(result, handlerName);
      return result;
    } catch (error) {
      tracer?.addErrorAsMetadata(error as Error);
      logger.error('Invocation failed', { error: error as Error });
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer?.setSegment(segment);
      metrics.publishStoredMetrics();
    }
  };
}
