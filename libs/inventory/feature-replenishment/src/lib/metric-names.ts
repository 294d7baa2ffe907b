/** The consumer's CloudWatch metrics (EMF, unit Count), emitted once per invocation. */
export const ReplenishmentMetric = {
  OrdersCreated: 'ReplenishmentOrdersCreated',
  /** Records that needed a read of the product (their image showed a shortfall). */
  ProductReads: 'ReplenishmentProductReads',
  /** Records left to a later record of their product, which kept moving while deciding. */
  SupersededDecisions: 'SupersededDecisions',
  FailedRecords: 'FailedRecords',
} as const;
export type ReplenishmentMetric = (typeof ReplenishmentMetric)[keyof typeof ReplenishmentMetric];
