import type { Tracer } from '@aws-lambda-powertools/tracer';
import { createObservability, type Observability } from '@shop/shared-util-lambda';

/** The service name in logs, metrics and traces (POWERTOOLS_SERVICE_NAME overrides it). */
export const SERVICE_NAME = 'orders-api';

/** Logger and Metrics, and a Tracer only when one is injected (see {@link createApiObservability}). */
export interface ApiObservability extends Observability {
  readonly tracer?: Tracer;
}

/**
 * Powertools Logger (JSON) and Metrics (EMF) for the orders API, without a Tracer (see
 * createObservability in @shop/shared-util-lambda for why). To get DynamoDB subsegments, pass a
 * Tracer from `@shop/shared-util-lambda/tracing` to `createHandler`.
 *
 * @example
 * const handler = createHandler({ documentClient, tables, observability: createApiObservability() });
 */
export function createApiObservability(): ApiObservability {
  return createObservability(SERVICE_NAME);
}
