import { createHash } from 'node:crypto';
import { v5 as uuidV5, v7 as uuidV7 } from 'uuid';
import * as z from 'zod';
import { lazySchema } from '@shop/shared-util-schema';

/** An Idempotency-Key header value: 1-64 characters of `[A-Za-z0-9_-]`. */
export const idempotencyKeySchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of A-Z, a-z, 0-9, _ and -'));

/**
 * UUID v5 namespaces of the ids derived from an owner and their Idempotency-Key. Fixed forever:
 * changing one would make a replay after the change place a second order.
 */
export const IdempotencyNamespace = {
  OrderId: '6f0c6a0e-3b0a-4f7e-9a57-2f1b8c0d4e11',
  ClientRequestToken: 'b3d1c2a4-8e5f-4c6d-a7b8-9c0d1e2f3a4b',
} as const;

/** The ids of one order placement: the order's id and the transaction's ClientRequestToken. */
export interface OrderIdentity {
  readonly orderId: string;
  /** DynamoDB's TransactWriteItems ClientRequestToken (≤ 36 characters). */
  readonly clientRequestToken: string;
}

/** Whose order it is, and the Idempotency-Key they sent (if any). */
export interface OrderIdempotencyScope {
  /** The owner: the `sub` of the caller's token. */
  readonly ownerId: string;
  readonly idempotencyKey?: string | undefined;
}

/**
 * The ids of an order placement. With an Idempotency-Key both are UUID v5 of the owner and the key,
 * so a replay at any later time (also beyond DynamoDB's 10-minute token window) targets the same
 * order item, and two owners who pick the same key get two orders; without a key, the order id is
 * a time-ordered UUID v7 and the token equals it, which still makes the SDK's own retries of that
 * request idempotent.
 *
 * @example
 * orderIdentity({ ownerId: 'alice', idempotencyKey: 'checkout-42' }); // same ids on every call
 * orderIdentity({ ownerId: 'bob', idempotencyKey: 'checkout-42' });   // other ids: keys are per owner
 * orderIdentity({ ownerId: 'alice' });                                // fresh, time-ordered ids
 */
export function orderIdentity({ ownerId, idempotencyKey }: OrderIdempotencyScope, now: Date = new Date()): OrderIdentity {
  if (idempotencyKey === undefined) {
    const orderId = uuidV7({ msecs: now.getTime() });
    return { orderId, clientRequestToken: orderId };
  }
  // JSON keeps the pair unambiguous whatever characters the owner id holds.
  const name = JSON.stringify([ownerId, idempotencyKey]);
  return {
    orderId: uuidV5(name, IdempotencyNamespace.OrderId),
    clientRequestToken: uuidV5(name, IdempotencyNamespace.ClientRequestToken),
  };
}

/** What an order request asks for: the part of the request an Idempotency-Key binds. */
export interface OrderRequestContent {
  readonly productId: string;
  readonly quantity: number;
}

/**
 * A SHA-256 fingerprint of an order request's content, stored on the order. A replay with the same
 * key is the same request exactly when the fingerprints match. It hashes the validated values,
 * not the raw bytes, so key order and whitespace in the JSON body do not matter.
 *
 * @example
 * requestFingerprint({ productId: 'p#1234', quantity: 2 }); // 'sha256:…'
 */
export function requestFingerprint(content: OrderRequestContent): string {
  const canonical = JSON.stringify([content.productId, content.quantity]);
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('base64url')}`;
}
