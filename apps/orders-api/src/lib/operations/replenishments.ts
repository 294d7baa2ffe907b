import { ErrorCode, type SettledReplenishmentResponse } from '@shop/orders-api-contract';
import { inventoryPosition, type SettledReplenishment } from '@shop/inventory-domain';
import { HttpError } from '../http/http-error';
import type { OperationHandler } from '../services';

const settledView = ({ replenishment, stock, onOrder }: SettledReplenishment): SettledReplenishmentResponse => ({
  ...replenishment,
  stock,
  onOrder,
  inventoryPosition: inventoryPosition({ stock, onOrder }),
});

/**
 * `GET /products/{productId}/replenishments`, newest first, a page at a time. An unknown product
 * is 404 rather than an empty list, so a typo in the id is not mistaken for "nothing ordered yet".
 */
export const listReplenishments: OperationHandler<'listReplenishments'> = async ({ path, query }, { products, replenishments }) => {
  const page = await replenishments.listByProduct(path.productId, query);
  if (page.items.length === 0 && query.nextToken === undefined && !(await products.get(path.productId))) {
    throw new HttpError(ErrorCode.ProductNotFound, `Product ${JSON.stringify(path.productId)} does not exist`);
  }
  return { body: { items: [...page.items], ...(page.nextToken !== undefined && { nextToken: page.nextToken }) } };
};

/** `GET /replenishments?status=PENDING`: what is on its way, oldest first, a page at a time. */
export const listPendingReplenishments: OperationHandler<'listPendingReplenishments'> = async ({ query }, { replenishments }) => {
  const page = await replenishments.listPending({ limit: query.limit, nextToken: query.nextToken });
  return { body: { items: [...page.items], ...(page.nextToken !== undefined && { nextToken: page.nextToken }) } };
};

/**
 * `POST /replenishments/{replenishmentId}/receive`: stock += amount, onOrder -= amount and status
 * RECEIVED, in one transaction conditioned on PENDING (a second call is 409 ALREADY_RECEIVED).
 */
export const receiveReplenishment: OperationHandler<'receiveReplenishment'> = async ({ path }, { replenishments, now }) => ({
  body: settledView(await replenishments.receive(path.replenishmentId, now().toISOString())),
});

/**
 * `POST /replenishments/{replenishmentId}/cancel`: onOrder -= amount and status CANCELLED, in one
 * transaction conditioned on PENDING. The consumer then reorders if the position is short.
 */
export const cancelReplenishment: OperationHandler<'cancelReplenishment'> = async ({ path }, { replenishments, now }) => ({
  body: settledView(await replenishments.cancel(path.replenishmentId, now().toISOString())),
});
