// The consumer's CloudWatch metrics (EMF, unit Count), emitted once per invocation: spelled in the
// shop's one catalog of metric names, which infra's dashboard reads too.
export { ReplenishmentMetric } from '@shop/shared-util-lambda';
