export { listShards } from './lib/list-shards';
export type { ShardInfo } from './lib/list-shards';
export { inLineageOrder } from './lib/lineage-order';
export { compareSequenceNumbers } from './lib/sequence-numbers';
export { latestStreamArn } from './lib/latest-stream-arn';
export { toLambdaRecord } from './lib/lambda-record';
export type { CreationEstimate } from './lib/lambda-record';
export { FilterPattern, matchesAnyFilter } from './lib/filter-pattern';
export { FilterPatternError, ShardLineageCycleError, StreamNotEnabledError } from './lib/errors';
