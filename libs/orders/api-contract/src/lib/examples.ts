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
  source: { eventID: 'c81e728d9d4c2f636f067f89cc14862c', sequenceNumber: '400000000000000499660' },
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
 * One example per operation (the story of the README: a mug at stock 51 and threshold 50, an order
 * of 2, a replenishment of 30). `satisfies` checks them against the operations' types; a test
 * parses them with the very schemas the router validates with.
 */
export const OPERATION_EXAMPLES = {
  putProduct: { request: { stock: 51, reorderThreshold: 50, amountToReplenish: 30, name: 'Blue mug' }, success: mug },
  getProduct: { success: { ...mug, stock: 49 } },
  listReplenishments: { success: { items: [pendingReplenishment] } },
  placeOrder: { request: { productId: 'p#1234', quantity: 2 }, success: order },
  getOrder: { success: order },
  receiveReplenishment: { success: { ...pendingReplenishment, status: 'RECEIVED', receivedAt: '2026-12-05T07:00:00.000Z', stock: 79 } },
} as const satisfies { readonly [Id in OperationId]: OperationExample<Id> };
