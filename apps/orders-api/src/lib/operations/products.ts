import { ErrorCode, type ProductView } from '@shop/orders-api-contract';
import { inventoryPosition, type ProductState } from '@shop/inventory-domain';
import { HttpError } from '../http/http-error';
import type { OperationHandler } from '../services';

/** A stored product as the API shows it: its version is internal, its position is derived. */
export const productView = ({ version: _version, ...product }: ProductState): ProductView => ({ ...product, inventoryPosition: inventoryPosition(product) });

/** `PUT /products/{productId}`: create, or update the definition (what is on order is kept). */
export const putProduct: OperationHandler<'putProduct'> = async ({ path, body }, { products }) => ({
  body: productView(await products.put({ ...body, productId: path.productId })),
});

/** `GET /products/{productId}`. */
export const getProduct: OperationHandler<'getProduct'> = async ({ path }, { products }) => {
  const product = await products.get(path.productId);
  if (!product) throw new HttpError(ErrorCode.ProductNotFound, `Product ${JSON.stringify(path.productId)} does not exist`);
  return { body: productView(product) };
};
