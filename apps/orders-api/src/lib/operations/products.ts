import { ErrorCode } from '@shop/orders-api-contract';
import { HttpError } from '../http/http-error';
import type { OperationHandler } from '../services';

/** `PUT /products/{productId}`: create or replace. */
export const putProduct: OperationHandler<'putProduct'> = async ({ path, body }, { products }) => ({
  body: await products.put({ ...body, productId: path.productId }),
});

/** `GET /products/{productId}`. */
export const getProduct: OperationHandler<'getProduct'> = async ({ path }, { products }) => {
  const product = await products.get(path.productId);
  if (!product) throw new HttpError(ErrorCode.ProductNotFound, `Product ${JSON.stringify(path.productId)} does not exist`);
  return { body: product };
};
