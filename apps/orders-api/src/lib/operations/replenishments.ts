import { ErrorCode } from '@shop/orders-api-contract';
import { HttpError } from '../http/http-error';
import type { OperationHandler } from '../services';

/**
 * `GET /products/{productId}/replenishments`, newest first. An unknown product is 404 rather than
 * an empty list, so a typo in the id is not mistaken for "nothing ordered yet".
 */
export const listReplenishments: OperationHandler<'listReplenishments'> = async ({ path }, { products, replenishments }) => {
  const items = await replenishments.listByProduct(path.productId);
  if (items.length === 0 && !(await products.get(path.productId))) {
    throw new HttpError(ErrorCode.ProductNotFound, `Product ${JSON.stringify(path.productId)} does not exist`);
  }
  return { body: { items } };
};

/**
 * `POST /replenishments/{replenishmentId}/receive`: stock += amountToReplenish and status
 * RECEIVED, in one transaction conditioned on PENDING (a second call is 409 ALREADY_RECEIVED).
 */
export const receiveReplenishment: OperationHandler<'receiveReplenishment'> = async ({ path }, { replenishments, now }) => {
  const { replenishment, stock } = await replenishments.receive(path.replenishmentId, now().toISOString());
  return { body: { ...replenishment, stock } };
};
