export { readConfig } from './lib/config';
export { ConfigurationError } from './lib/errors';
export { createObservability, METRICS_NAMESPACE } from './lib/observability';
export { EVENT_COUNT_METRICS, EventSourceMappingMetric, OrdersApiMetric, ReplenishmentMetric } from './lib/metric-names';
export type { Observability } from './lib/observability';
export { traced } from './lib/traced';
export { withObservability } from './lib/with-observability';
export type { LambdaHandler } from './lib/with-observability';
