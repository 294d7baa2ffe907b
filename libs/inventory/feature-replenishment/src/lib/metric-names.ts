/** The consumer's CloudWatch metrics (EMF, unit Count), emitted once per invocation. */
export const ReplenishmentMetric = {
  OrdersCreated: 'ReplenishmentOrdersCreated',
  DuplicateDeliveries: 'DuplicateDeliveries',
  FailedRecords: 'FailedRecords',
} as const;
export type ReplenishmentMetric = (typeof ReplenishmentMetric)[keyof typeof ReplenishmentMetric];
