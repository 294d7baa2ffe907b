import { ReplenishmentValidationError, ReplenishmentStatus, type ReplenishmentOrder } from '@shop/inventory-domain';
import { ReplenishmentAttribute } from './attributes';
import { fromReplenishmentItem, toReplenishmentItem } from './replenishment-item';

const pending: ReplenishmentOrder = {
  replenishmentId: 'b7c1f7d2-3c0e-5d7a-9a55-2d1f0c7f4b1e',
  productId: 'p#1234',
  amountToReplenish: 30,
  status: ReplenishmentStatus.Pending,
  createdAt: '2026-01-31T12:00:00.000Z',
  productVersion: 3,
};

describe('toReplenishmentItem / fromReplenishmentItem', () => {
  it('round-trips pending, received and cancelled orders; only a pending one is in the open index', () => {
    // Prepare
    const received: ReplenishmentOrder = { ...pending, status: ReplenishmentStatus.Received, receivedAt: '2026-02-01T08:00:00.000Z' };
    const cancelled: ReplenishmentOrder = { ...pending, status: ReplenishmentStatus.Cancelled, cancelledAt: '2026-02-01T08:00:00.000Z' };

    // Act
    const pendingItem = toReplenishmentItem(pending);
    const receivedItem = toReplenishmentItem(received);
    const cancelledItem = toReplenishmentItem(cancelled);

    // Assess
    expect(fromReplenishmentItem(pendingItem)).toEqual(pending);
    expect(fromReplenishmentItem(receivedItem)).toEqual(received);
    expect(fromReplenishmentItem(cancelledItem)).toEqual(cancelled);
    expect(pendingItem).toMatchObject({ [ReplenishmentAttribute.OpenStatus]: 'PENDING', [ReplenishmentAttribute.ProductVersion]: 3 });
    expect(receivedItem).not.toHaveProperty(ReplenishmentAttribute.OpenStatus);
    expect(cancelledItem).not.toHaveProperty(ReplenishmentAttribute.OpenStatus);
  });

  it('reads an order written before product versions, ignoring its stream-record attributes', () => {
    // Prepare
    const { productVersion: _none, ...legacy } = pending;
    const item = { ...toReplenishmentItem(legacy), sourceEventId: 'example', sourceSequenceNumber: '100' };

    // Act
    const order = fromReplenishmentItem(item);

    // Assess
    expect(order).toEqual(legacy);
  });

  it('rejects an item with an unknown status or a malformed amount', () => {
    // Prepare
    const item: Record<string, unknown> = { ...toReplenishmentItem(pending), [ReplenishmentAttribute.Status]: 'SHIPPED', [ReplenishmentAttribute.AmountToReplenish]: '30' };

    // Act
    const attempt = (): unknown => fromReplenishmentItem(item);

    // Assess
    expect(attempt).toThrow(ReplenishmentValidationError);
    expect(attempt).toThrow(/Invalid replenishment order: amountToReplenish: .*; status: /);
  });

  it('rejects a RECEIVED order without receivedAt', () => {
    // Prepare
    const item = { ...toReplenishmentItem(pending), [ReplenishmentAttribute.Status]: ReplenishmentStatus.Received };

    // Act
    const attempt = (): unknown => fromReplenishmentItem(item);

    // Assess
    expect(attempt).toThrow('receivedAt: receivedAt is set exactly when status is RECEIVED');
  });
});
