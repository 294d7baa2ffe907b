import type { Context } from 'aws-lambda';
import type { Observability } from './observability';
import { traced } from './traced';

/** A Lambda handler; `TContext` is `Context | undefined` for one that tests may call without a context. */
export type LambdaHandler<TEvent, TResult, TContext extends Context | undefined = Context> = (event: TEvent, context: TContext) => Promise<TResult>;

/**
 * Wraps any Lambda handler the way Powertools' `injectLambdaContext`, `logMetrics` and
 * `captureLambdaHandler` middleware would, without middy: the Lambda context in every log line,
 * the cold-start metric, the invocation's metrics flushed (EMF) whether it succeeds or throws (and
 * not at all when it stored none, so no "No application metrics" warning), a thrown error logged
 * once as `Invocation failed` and rethrown and, when a tracer is given and tracing is enabled, a
 * `## <handler>` X-Ray subsegment with cold-start and service annotations and the response as
 * metadata. Without a tracer nothing of X-Ray is loaded (see {@link createObservability}).
 *
 * @example
 * const { logger, metrics } = createObservability('replenishment-consumer');
 * export const handler = withObservability(createReplenishmentStreamHandler({ replenisher, logger, metrics }), { logger, metrics });
 */
export function withObservability<TEvent, TResult, TContext extends Context | undefined = Context>(
  handler: LambdaHandler<TEvent, TResult, TContext>,
  { logger, metrics, tracer }: Observability,
): LambdaHandler<TEvent, TResult, TContext> {
  const handlerName = process.env['_HANDLER'] ?? 'handler';
  return async (event, context) => {
    if (context) logger.addContext(context);
    metrics.captureColdStartMetric();
    try {
      return await traced(tracer, `## ${handlerName}`, {}, async () => {
        const result = await handler(event, context);
        tracer?.addResponseAsMetadata(result, handlerName);
        return result;
      });
    } catch (error) {
      logger.error('Invocation failed', { error: error as Error });
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
