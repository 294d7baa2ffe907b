import type { Product } from './product';
import type { ReplenishmentOrder } from './replenishment-order';

/** Where products live. Implemented by @shop/inventory-data-access. */
export interface ProductRepository {
  get(productId: string): Promise<Product | undefined>;
  /** Creates or replaces the product. */
  put(product: Product): Promise<Product>;
}

/** Outcome of {@link ReplenishmentRepository.createOnce}. */
export type CreateOnceOutcome = 'created' | 'duplicate';

/** Result of receiving a replenishment: the order, now RECEIVED, and the product's new stock. */
export interface ReceivedReplenishment {
  readonly replenishment: ReplenishmentOrder;
  readonly stock: number;
}

/** Where replenishment orders live. Implemented by @shop/inventory-data-access. */
export interface ReplenishmentRepository {
  /** Writes the order unless one with the same id exists ('duplicate': already done). */
  createOnce(order: ReplenishmentOrder): Promise<CreateOnceOutcome>;
  get(replenishmentId: string): Promise<ReplenishmentOrder | undefined>;
  /** Newest first. */
  listByProduct(productId: string): Promise<ReplenishmentOrder[]>;
  /**
   * Marks a PENDING order RECEIVED and adds its amount to the product's stock, in one transaction.
   * Throws ReplenishmentNotFoundError / ReplenishmentAlreadyReceivedError / ProductNotFoundError.
   */
  receive(replenishmentId: string, receivedAt: string): Promise<ReceivedReplenishment>;
}

/**
 * The one capability the stream consumer needs: write an order once. A narrower port than
 * {@link ReplenishmentRepository}, so the consumer's adapter needs neither the Products table
 * nor permissions on it.
 */
export type ReplenishmentWriter = Pick<ReplenishmentRepository, 'createOnce'>;
