import { OrderStatus, OrderValidationError, type OrderPlacement } from '@shop/orders-domain';
import { OrderAttribute } from './attributes';
import { fromOrderItem, toOrderItem } from './order-item';

const placement: OrderPlacement = {
  order: { orderId: '0190b3d2-7c1e-7a3b-9f00-123456789abc', productId: 'p#1234', quantity: 2, status: OrderStatus.Placed, createdAt: '2026-01-31T12:00:00.000Z', ownerId: 'alice' },
  clientRequestToken: 'token',
  requestFingerprint: 'sha256:abc',
};

describe('order item mapping', () => {
  it('round-trips an order and its fingerprint; the token is not stored', () => {
    // Act
    const item = toOrderItem(placement);

    // Assess
    expect(item).not.toHaveProperty('clientRequestToken');
    expect(item).not.toHaveProperty(OrderAttribute.IdempotencyKey);
    expect(fromOrderItem(item)).toEqual({ order: placement.order, requestFingerprint: 'sha256:abc' });
  });

  it("stores the owner, and refuses an item without one", () => {
    // Act
    const item = toOrderItem(placement);

    // Assess
    expect(item[OrderAttribute.OwnerId]).toBe('alice');
    expect(() => fromOrderItem({ ...item, [OrderAttribute.OwnerId]: undefined })).toThrow(OrderValidationError);
  });

  it('stores the Idempotency-Key when there is one', () => {
    expect(toOrderItem({ ...placement, idempotencyKey: 'k1' })[OrderAttribute.IdempotencyKey]).toBe('k1');
  });

  it('ignores attributes it does not know, and rejects a missing fingerprint', () => {
    // Prepare
    const item = { ...toOrderItem(placement), someFutureAttribute: true };

    // Assess
    expect(fromOrderItem(item).order).toEqual(placement.order);
    expect(() => fromOrderItem({ ...item, [OrderAttribute.RequestFingerprint]: undefined })).toThrow(OrderValidationError);
    expect(() => fromOrderItem({ ...item, [OrderAttribute.Quantity]: '2' })).toThrow(OrderValidationError);
  });
});
