import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';

/** The CloudWatch namespace of the shop's metrics (POWERTOOLS_METRICS_NAMESPACE overrides it). */
export const METRICS_NAMESPACE = 'Shop';

/** What a function instruments with (see `withObservability`): a Tracer only when one is opted in. */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** From `createTracer` in `@shop/shared-util-lambda/tracing`; absent, nothing of X-Ray is bundled. */
  readonly tracer?: Tracer;
}

/**
 * Logger (structured JSON) and Metrics (CloudWatch EMF) for one function, created once per
 * container. Service name and log level come from the standard Powertools variables
 * (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL) that infra sets; `serviceName` is the fallback.
 *
 * No X-Ray Tracer here, deliberately: `@aws-lambda-powertools/tracer` brings aws-xray-sdk-core
 * (≈125 kB minified, a third more module init), which takes either bundle past its 500 kB budget.
 * Lambda's active tracing (infra turns it on) still records every invocation. A function that
 * wants SDK subsegments imports `createTracer` from `@shop/shared-util-lambda/tracing`.
 *
 * @example
 * const { logger, metrics } = createObservability('replenishment-consumer');
 */
export function createObservability(serviceName: string, namespace = METRICS_NAMESPACE): Observability {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace }),
  };
}
