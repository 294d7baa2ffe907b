import type { Page, PageRequest } from './page';
import type { Product } from './product';
import type { ProductState } from './product-state';
import type { ReplenishmentOrder } from './replenishment-order';

/** Where products live. Implemented by @shop/inventory-data-access. */
export interface ProductRepository {
  get(productId: string): Promise<ProductState | undefined>;
  /**
   * Creates the product, or updates its definition (stock, threshold, amount, name), keeping what
   * the replenishment process owns (`onOrder`). Returns the product as stored.
   */
  put(product: Product): Promise<ProductState>;
}

/** A replenishment that was received or cancelled, and the product's figures right after. */
export interface SettledReplenishment {
  readonly replenishment: ReplenishmentOrder;
  readonly stock: number;
  readonly onOrder: number;
}

/** Where replenishment orders live. Implemented by @shop/inventory-data-access. */
export interface ReplenishmentRepository {
  get(replenishmentId: string): Promise<ReplenishmentOrder | undefined>;
  /** The product's orders, newest first, one page at a time. */
  listByProduct(productId: string, page?: PageRequest): Promise<Page<ReplenishmentOrder>>;
  /** Every PENDING order of every product, oldest first, one page at a time. */
  listPending(page?: PageRequest): Promise<Page<ReplenishmentOrder>>;
  /**
   * Marks a PENDING order RECEIVED, adds its amount to the product's stock and takes it off
   * `onOrder`, in one transaction. Throws ReplenishmentNotFoundError /
   * ReplenishmentNotPendingError (ReplenishmentAlreadyReceivedError) / ProductNotFoundError.
   */
  receive(replenishmentId: string, receivedAt: string): Promise<SettledReplenishment>;
  /**
   * Marks a PENDING order CANCELLED and takes its amount off the product's `onOrder`, in one
   * transaction. Throws like {@link ReplenishmentRepository.receive}.
   */
  cancel(replenishmentId: string, cancelledAt: string): Promise<SettledReplenishment>;
}

/** Outcome of {@link ProductReplenisher.orderOnce}. */
export type OrderOnceOutcome = 'created' | 'superseded';

/**
 * What the stream consumer needs to act on the policy: commit an order together with the product's
 * `onOrder`, only if the product is still at the version the decision was made from. The decision
 * itself is made from the stream record's image, so nothing is read. A narrower port than the
 * repositories, so the consumer's role may update no product attribute but those.
 */
export interface ProductReplenisher {
  /**
   * Puts `order` (unless its id exists) and raises the product's `onOrder` by its amount, in one
   * transaction, only if the product is still at `order.productVersion`. 'superseded' when the
   * product moved on or the order was already made: nothing was written, and the write that moved
   * the product has its own, later stream record.
   */
  orderOnce(order: ReplenishmentOrder & { readonly productVersion: number }): Promise<OrderOnceOutcome>;
}
