export { readConfig } from './lib/config';
export { ConfigurationError } from './lib/errors';
export { createObservability, METRICS_NAMESPACE } from './lib/observability';
export { EVENT_COUNT_METRICS, EventSourceMappingMetric, OrdersApiMetric, ReplenishmentMetric, SdkMetric } from './lib/metric-names';
export type { Observability } from './lib/observability';
export { reportRetriedCalls } from './lib/retried-calls';
export type { RetriedCallReport } from './lib/retried-calls';
export { traced } from './lib/traced';
export { withObservability } from './lib/with-observability';
