import type { Order } from './order';

/** Everything the repository needs to write one order placement. */
export interface OrderPlacement {
  readonly order: Order;
  readonly clientRequestToken: string;
  /** See {@link requestFingerprint}; stored on the order to recognise replays. */
  readonly requestFingerprint: string;
  readonly idempotencyKey?: string;
}

/** Outcome of {@link OrderRepository.place}. */
export type PlacementOutcome =
  /** Stock was decremented and the order written, in one transaction. */
  | { readonly status: 'placed'; readonly order: Order }
  /** An order with this id already exists (nothing was written): the stored one and its fingerprint. */
  | { readonly status: 'exists'; readonly order: Order; readonly requestFingerprint: string };

/** Where orders live. Implemented by @shop/orders-data-access. */
export interface OrderRepository {
  /**
   * Decrements the product's stock by the order's quantity and writes the order, atomically: both
   * or neither. Never takes stock below zero.
   * @throws ProductNotFoundError, InsufficientStockError, TransactionConflictError (retries ran out)
   */
  place(placement: OrderPlacement): Promise<PlacementOutcome>;
  get(orderId: string): Promise<Order | undefined>;
}
