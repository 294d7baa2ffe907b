import { isoTimestampSchema, productSchema } from '@shop/inventory-domain';
import * as z from 'zod';
import { OrderValidationError } from './errors';
import { lazySchema, validationIssues } from '@shop/shared-util-schema';

/** Status of an order. Placing is the only step this service takes; fulfilment lives elsewhere. */
export const OrderStatus = { Placed: 'PLACED' } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Largest quantity one order may ask for. */
export const MAX_ORDER_QUANTITY = 10_000;

/** How many units an order asks for: an integer in 1..{@link MAX_ORDER_QUANTITY}. */
export const orderQuantitySchema = lazySchema(() => z.number().int().min(1).max(MAX_ORDER_QUANTITY));

/** An order id: a UUID (v5 when derived from an Idempotency-Key, v7 otherwise). */
export const orderIdSchema = lazySchema(() => z.uuid());

/** Who placed an order: the `sub` claim of their token (a Cognito user's id, or a machine client's id). */
export const ownerIdSchema = lazySchema(() => z.string().min(1).max(256));

/** The validation schema of a placed order: what the Orders table holds and the API returns. */
export const orderSchema = lazySchema(() =>
  z.strictObject({
    orderId: orderIdSchema,
    productId: productSchema.shape.productId,
    quantity: orderQuantitySchema,
    status: z.enum([OrderStatus.Placed]),
    createdAt: isoTimestampSchema,
    ownerId: ownerIdSchema,
  }),
);

/** A placed order: `quantity` units of `productId`, taken from stock when it was placed, owned by `ownerId`. */
export type Order = z.infer<typeof orderSchema>;

/**
 * Validates an unknown value as an {@link Order}. Throws {@link OrderValidationError} listing every
 * problem; never returns a partially valid order.
 *
 * @example
 * const order = parseOrder({ orderId, productId: 'p#1234', quantity: 2, status: 'PLACED', createdAt, ownerId: 'alice' });
 */
export function parseOrder(value: unknown): Order {
  const result = orderSchema.safeParse(value);
  if (!result.success) {
    throw new OrderValidationError(validationIssues(result.error));
  }
  return result.data;
}
