/**
 * Every metric name the shop's code emits or reads, spelled once: the functions emit these (EMF,
 * namespace `Shop` (`METRICS_NAMESPACE`), dimension `service`), infra's dashboard and alarms chart
 * them, and the local stack's `metrics.json` reports the event source mapping's under AWS's names.
 */

/** The orders API's metrics (service `orders-api`, unit Count). */
export const OrdersApiMetric = {
  OrdersPlaced: 'OrdersPlaced',
  /** An order refused because the product has too little stock (409). */
  OutOfStock: 'OutOfStock',
  /** A `POST /orders` whose request failed validation (400): nothing was written. */
  InvalidOrders: 'InvalidOrders',
  /** Attempts of a transaction that lost a race (cancelled only by TransactionConflict). */
  TransactionConflicts: 'TransactionConflicts',
  /** Of those, the ones that were tried again (the last allowed attempt is not). */
  TransactionRetries: 'TransactionRetries',
} as const;
export type OrdersApiMetric = (typeof OrdersApiMetric)[keyof typeof OrdersApiMetric];

/** The replenishment consumer's metrics (service `replenishment-consumer`, unit Count), emitted once per invocation. */
export const ReplenishmentMetric = {
  OrdersCreated: 'ReplenishmentOrdersCreated',
  /** Transactions that completed (created or superseded): one per latest image showing a shortfall. */
  Transactions: 'ReplenishmentTransactions',
  /** Transactions whose image was no longer current: nothing written, a later record decides. */
  SupersededDecisions: 'SupersededDecisions',
  /** Records decided by a later record of their product in the same batch. */
  CoalescedRecords: 'CoalescedRecords',
  FailedRecords: 'FailedRecords',
  /** Attempts of an order transaction that lost a race (cancelled only by TransactionConflict). */
  TransactionConflicts: 'TransactionConflicts',
} as const;
export type ReplenishmentMetric = (typeof ReplenishmentMetric)[keyof typeof ReplenishmentMetric];

/** Both functions' SDK retries: one datum per retried call, its value the retries it made. */
export const SdkMetric = {
  DynamoDBRetries: 'DynamoDBRetries',
} as const;
export type SdkMetric = (typeof SdkMetric)[keyof typeof SdkMetric];

/**
 * What Lambda publishes for an event source mapping (namespace `AWS/Lambda`, dimension
 * `EventSourceMappingUUID`) when its `metrics_config` holds {@link EVENT_COUNT_METRICS}.
 */
export const EventSourceMappingMetric = {
  PolledEventCount: 'PolledEventCount',
  FilteredOutEventCount: 'FilteredOutEventCount',
  InvokedEventCount: 'InvokedEventCount',
  FailedInvokeEventCount: 'FailedInvokeEventCount',
  DroppedEventCount: 'DroppedEventCount',
  OnFailureDestinationDeliveredEventCount: 'OnFailureDestinationDeliveredEventCount',
} as const;
export type EventSourceMappingMetric = (typeof EventSourceMappingMetric)[keyof typeof EventSourceMappingMetric];

/** The `metrics_config.metrics` value that switches the event source mapping's event counts on. */
export const EVENT_COUNT_METRICS = 'EventCount';
