import type { OperationId } from '@shop/orders-api-contract';
import type { OperationHandler } from '../services';
import { getOrder, placeOrder } from './orders';
import { getProduct, putProduct } from './products';
import { cancelReplenishment, listPendingReplenishments, listReplenishments, receiveReplenishment } from './replenishments';

/** The handler of every operation in the contract: a missing one is a type error. */
export const OPERATION_HANDLERS: { readonly [Id in OperationId]: OperationHandler<Id> } = {
  putProduct,
  getProduct,
  listReplenishments,
  listPendingReplenishments,
  placeOrder,
  getOrder,
  receiveReplenishment,
  cancelReplenishment,
};
