import { ErrorCode } from '@shop/orders-api-contract';
import { orderSchema } from '@shop/orders-domain';
import { E2eSupportError } from './errors';
import { expectBody, expectError, type ShopApi } from './shop-api';
import { sleep } from './wait';

/** One order a client wants placed exactly once, whatever happens to the server meanwhile. */
export interface PlannedOrder {
  readonly productId: string;
  readonly quantity: number;
  /** Sent on every attempt: a retry after a lost answer returns the first order instead of a second one. */
  readonly idempotencyKey: string;
}

/** How an order ended, once the API gave a definitive answer. */
export interface SettledOrder extends PlannedOrder {
  readonly outcome: 'accepted' | 'refused';
  /** Attempts that ended without an answer (connection refused or reset) or with a 5xx. */
  readonly failedAttempts: number;
}

/**
 * Places an order the way a careful client does when the server may crash: the same
 * Idempotency-Key on every attempt, retrying connection errors and 5xx answers until the API says
 * 201/200 (accepted: 200 is the replay of an order a lost answer had already placed) or 409
 * INSUFFICIENT_STOCK (refused). Anything else is a failure of the system under test.
 *
 * @example
 * const settled = await placeUntilSettled(api, { productId, quantity: 2, idempotencyKey: randomUUID() });
 */
export async function placeUntilSettled(api: ShopApi, order: PlannedOrder, timeoutMs = 120_000): Promise<SettledOrder> {
  const deadline = Date.now() + timeoutMs;
  let failedAttempts = 0;
  for (;;) {
    let response: Awaited<ReturnType<ShopApi['order']>> | undefined;
    try {
      response = await api.order({ productId: order.productId, quantity: order.quantity }, order.idempotencyKey);
    } catch {
      response = undefined; // no answer: the stack is down or restarting
    }
    if (response && (response.status === 201 || response.status === 200)) {
      expectBody(response, response.status, orderSchema);
      return { ...order, outcome: 'accepted', failedAttempts };
    }
    if (response?.status === 409) {
      expectError(response, 409, ErrorCode.InsufficientStock);
      return { ...order, outcome: 'refused', failedAttempts };
    }
    if (response && response.status < 500) throw new E2eSupportError(`${response.request} answered ${response.status}: ${JSON.stringify(response.body)}`);
    failedAttempts++;
    if (Date.now() > deadline) throw new E2eSupportError(`order ${order.idempotencyKey} got no definitive answer within ${timeoutMs} ms (${failedAttempts} failed attempts)`);
    await sleep(100);
  }
}
