export { readConfig } from './lib/config';
export { ConfigurationError } from './lib/errors';
export { createObservability, METRICS_NAMESPACE } from './lib/observability';
export type { Observability } from './lib/observability';
export { DYNAMODB_RETRIES_METRIC, reportRetriedCalls } from './lib/retried-calls';
export type { RetriedCallReport } from './lib/retried-calls';
export { traced } from './lib/traced';
export { withObservability } from './lib/with-observability';
export type { LambdaHandler } from './lib/with-observability';
