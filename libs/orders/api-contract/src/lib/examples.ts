import type { OperationInput, OperationOutput } from './operations';
import type { OperationId } from './routes';

/** A request body (for operations that take one) and a success body, as the OpenAPI document shows them. */
interface OperationExample<Id extends OperationId> {
  readonly request?: OperationInput<Id>['body'];
  readonly success: OperationOutput<Id>;
}

const mug = { productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30, name: 'Blue mug' };
const pendingReplenishment = {
  replenishmentId: '3b241101-e2bb-5255-8caf-4136c566a962',
  productId: 'p#1234',
  amountToReplenish: 30,
  status: 'PENDING',
  createdAt: '2026-12-04T09:30:00.000Z',
  productVersion: 2,
} as const;
const order = {
  orderId: '0193a1b2-7c1e-7a3b-9f00-123456789abc',
  productId: 'p#1234',
  quantity: 2,
  status: 'PLACED',
  createdAt: '2026-12-04T09:29:59.000Z',
  ownerId: '8f2c1d9e-5b7a-4e3f-9c0d-1a2b3c4d5e6f',
} as const;

/**
 * One example per operation, one story: a mug at stock 51 and threshold 50 (lots of 30); an order
 * of 2 takes its inventory position to 49, so one replenishment of 30 is on order. `satisfies`
 * checks them against the operations' types; a test parses them with the very schemas the router
 * validates with.
 */
export const OPERATION_EXAMPLES = {
  putProduct: { request: { stock: 51, reorderThreshold: 50, amountToReplenish: 30, name: 'Blue mug' }, success: { ...mug, onOrder: 0, inventoryPosition: 51 } },
  getProduct: { success: { ...mug, stock: 49, onOrder: 30, inventoryPosition: 79 } },
  listReplenishments: { success: { items: [pendingReplenishment] } },
  listPendingReplenishments: { success: { items: [pendingReplenishment], nextToken: 'eyJjcmVhdGVkQXQiOiIyMDI2LTEyLTA0VDA5OjMwOjAwLjAwMFoifQ' } },
  placeOrder: { request: { productId: 'p#1234', quantity: 2 }, success: order },
  getOrder: { success: order },
  receiveReplenishment: {
    success: { ...pendingReplenishment, status: 'RECEIVED', receivedAt: '2026-12-05T07:00:00.000Z', stock: 79, onOrder: 0, inventoryPosition: 79 },
  },
  cancelReplenishment: {
    success: { ...pendingReplenishment, status: 'CANCELLED', cancelledAt: '2026-12-05T07:00:00.000Z', stock: 49, onOrder: 0, inventoryPosition: 49 },
  },
} as const satisfies { readonly [Id in OperationId]: OperationExample<Id> };
