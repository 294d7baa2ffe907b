export { InvalidStreamRecordError, RecordHeldBackError, StreamRecordError, UnreportableRecordFailureError } from './lib/errors';
export { ReplenishmentMetric } from './lib/metric-names';
export { decodeProductChange, productIdOf, StreamEventName } from './lib/product-change';
export type { ProductChange } from './lib/product-change';
export { ReplenishmentDecision, ReplenishOnCrossing } from './lib/replenish-on-crossing';
export type { ReplenishmentOutcome } from './lib/replenish-on-crossing';
export { createReplenishmentStreamHandler } from './lib/replenishment-stream-handler';
export type { ReplenishmentStreamHandler, ReplenishmentStreamHandlerDependencies } from './lib/replenishment-stream-handler';
export { withObservability } from './lib/with-observability';
