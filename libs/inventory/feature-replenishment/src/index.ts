export { createReplenishmentStreamHandler } from './lib/replenishment-stream-handler';
export type { ReplenishmentStreamHandler, ReplenishmentStreamHandlerDependencies } from './lib/replenishment-stream-handler';
