import { ReplenishmentValidationError } from './errors';
import { parseReplenishmentOrder, ReplenishmentStatus, type ReplenishmentOrder } from './replenishment-order';

const pending: ReplenishmentOrder = {
  replenishmentId: 'r-1',
  productId: 'p#1234',
  amountToReplenish: 30,
  status: ReplenishmentStatus.Pending,
  createdAt: '2026-01-31T12:00:00.000Z',
  productVersion: 7,
};

describe('parseReplenishmentOrder', () => {
  it('accepts a pending order, a received one, a cancelled one and one written before product versions', () => {
    // Prepare
    const received = { ...pending, status: ReplenishmentStatus.Received, receivedAt: '2026-02-01T08:00:00.000Z' };
    const cancelled = { ...pending, status: ReplenishmentStatus.Cancelled, cancelledAt: '2026-02-01T08:00:00.000Z' };
    const { productVersion: _unknown, ...legacy } = pending;

    // Act / Assess
    expect(parseReplenishmentOrder(pending)).toEqual(pending);
    expect(parseReplenishmentOrder(received)).toEqual(received);
    expect(parseReplenishmentOrder(cancelled)).toEqual(cancelled);
    expect(parseReplenishmentOrder(legacy)).toEqual(legacy);
  });

  it.each([
    ['an unknown status', { status: 'SHIPPED' }, 'status'],
    ['a date that is not ISO-8601', { createdAt: '31/01/2026' }, 'createdAt'],
    ['a negative product version', { productVersion: -1 }, 'productVersion'],
    ['a cancelledAt on a PENDING order', { cancelledAt: '2026-02-01T08:00:00.000Z' }, 'cancelledAt'],
    ['a CANCELLED order without cancelledAt', { status: ReplenishmentStatus.Cancelled }, 'cancelledAt'],
    ['a receivedAt on a PENDING order', { receivedAt: '2026-02-01T08:00:00.000Z' }, 'receivedAt'],
    ['a RECEIVED order without receivedAt', { status: ReplenishmentStatus.Received }, 'receivedAt'],
  ])('rejects %s', (_case, change, path) => {
    // Act
    const attempt = (): unknown => parseReplenishmentOrder({ ...pending, ...change });

    // Assess
    expect(attempt).toThrow(ReplenishmentValidationError);
    expect(attempt).toThrow(`Invalid replenishment order: ${path}:`);
  });
});
