import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';

/** The service name in logs, metrics and traces (POWERTOOLS_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'orders-api';

/** The CloudWatch namespace of the shop's metrics (the same as `createObservability`'s). */
export const METRICS_NAMESPACE = 'Shop';

/** Logger and Metrics, and a Tracer only when one is injected (see {@link createApiObservability}). */
export interface ApiObservability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer?: Tracer;
}

/**
 * Powertools Logger (JSON) and Metrics (EMF) for the orders API, without a Tracer.
 *
 * Deliberately no X-Ray Tracer here: `@aws-lambda-powertools/tracer` brings aws-xray-sdk-core
 * (≈125 kB minified with semver and cls-hooked), which takes the bundle past its 500 kB budget
 * and adds to every cold start (figures in apps/orders-api/README.md). Lambda active tracing still
 * records each invocation; to get DynamoDB subsegments, pass a Tracer to `createHandler`.
 *
 * @example
 * const handler = createHandler({ documentClient, tables, observability: createApiObservability() });
 */
export function createApiObservability(): ApiObservability {
  return {
    logger: new Logger({ serviceName: SERVICE_NAME }),
    metrics: new Metrics({ serviceName: SERVICE_NAME, namespace: METRICS_NAMESPACE }),
  };
}
