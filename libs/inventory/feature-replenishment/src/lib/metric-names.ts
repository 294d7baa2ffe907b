/** The consumer's CloudWatch metrics (EMF, unit Count), emitted once per invocation. */
export const ReplenishmentMetric = {
  OrdersCreated: 'ReplenishmentOrdersCreated',
  /** Transactions that completed (created or superseded): one per latest image showing a shortfall. */
  Transactions: 'ReplenishmentTransactions',
  /** Transactions whose image was no longer current: nothing written, a later record decides. */
  SupersededDecisions: 'SupersededDecisions',
  /** Records decided by a later record of their product in the same batch. */
  CoalescedRecords: 'CoalescedRecords',
  FailedRecords: 'FailedRecords',
} as const;
export type ReplenishmentMetric = (typeof ReplenishmentMetric)[keyof typeof ReplenishmentMetric];
