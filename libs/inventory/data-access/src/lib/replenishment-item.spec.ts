import { ProductValidationError, ReplenishmentStatus, type ReplenishmentOrder } from '@shop/inventory-domain';
import { ReplenishmentAttribute } from './attributes';
import { fromReplenishmentItem, toReplenishmentItem } from './replenishment-item';

const pending: ReplenishmentOrder = {
  replenishmentId: 'b7c1f7d2-3c0e-5d7a-9a55-2d1f0c7f4b1e',
  productId: 'p#1234',
  amountToReplenish: 30,
  status: ReplenishmentStatus.Pending,
  createdAt: '2026-01-31T12:00:00.000Z',
  source: { eventID: 'example', sequenceNumber: '100' },
};

describe('toReplenishmentItem / fromReplenishmentItem', () => {
  it('round-trips pending and received orders, storing the source flat', () => {
    // Prepare
    const received: ReplenishmentOrder = { ...pending, status: ReplenishmentStatus.Received, receivedAt: '2026-02-01T08:00:00.000Z' };

    // Act
    const pendingItem = toReplenishmentItem(pending);
    const receivedItem = toReplenishmentItem(received);

    // Assess
    expect(fromReplenishmentItem(pendingItem)).toEqual(pending);
    expect(fromReplenishmentItem(receivedItem)).toEqual(received);
    expect(pendingItem).toMatchObject({ [ReplenishmentAttribute.SourceEventId]: 'example', [ReplenishmentAttribute.SourceSequenceNumber]: '100' });
    expect(pendingItem).not.toHaveProperty(ReplenishmentAttribute.ReceivedAt);
    expect(Object.keys(receivedItem).sort()).toEqual(Object.values(ReplenishmentAttribute).sort());
  });

  it('rejects an item with an unknown status or a missing source', () => {
    // Prepare
    const item: Record<string, unknown> = { ...toReplenishmentItem(pending), [ReplenishmentAttribute.Status]: 'SHIPPED' };
    delete item[ReplenishmentAttribute.SourceSequenceNumber];

    // Act
    const attempt = (): unknown => fromReplenishmentItem(item);

    // Assess
    expect(attempt).toThrow(ProductValidationError);
    expect(attempt).toThrow(/Invalid replenishment order: status: .*; source\.sequenceNumber: /);
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
