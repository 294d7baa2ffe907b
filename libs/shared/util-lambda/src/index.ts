export { readConfig } from './lib/config';
export { ConfigurationError } from './lib/errors';
export { createObservability, METRICS_NAMESPACE } from './lib/observability';
export type { Observability } from './lib/observability';
