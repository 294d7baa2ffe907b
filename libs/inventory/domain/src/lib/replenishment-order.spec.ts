import { ProductValidationError } from './errors';
import { parseReplenishmentOrder, ReplenishmentStatus, type ReplenishmentOrder } from './replenishment-order';

const pending: ReplenishmentOrder = {
  replenishmentId: 'r-1',
  productId: 'p#1234',
  amountToReplenish: 30,
  status: ReplenishmentStatus.Pending,
  createdAt: '2026-01-31T12:00:00.000Z',
  source: { eventID: 'example', sequenceNumber: '100' },
};

describe('parseReplenishmentOrder', () => {
  it('accepts a pending order and a received one', () => {
    // Prepare
    const received = { ...pending, status: ReplenishmentStatus.Received, receivedAt: '2026-02-01T08:00:00.000Z' };

    // Act / Assess
    expect(parseReplenishmentOrder(pending)).toEqual(pending);
    expect(parseReplenishmentOrder(received)).toEqual(received);
  });

  it.each([
    ['an unknown status', { status: 'SHIPPED' }, 'status'],
    ['a date that is not ISO-8601', { createdAt: '31/01/2026' }, 'createdAt'],
    ['a missing sequence number', { source: { eventID: 'example' } }, 'source.sequenceNumber'],
    ['a receivedAt on a PENDING order', { receivedAt: '2026-02-01T08:00:00.000Z' }, 'receivedAt'],
    ['a RECEIVED order without receivedAt', { status: ReplenishmentStatus.Received }, 'receivedAt'],
  ])('rejects %s', (_case, change, path) => {
    // Act
    const attempt = (): unknown => parseReplenishmentOrder({ ...pending, ...change });

    // Assess
    expect(attempt).toThrow(ProductValidationError);
    expect(attempt).toThrow(`Invalid replenishment order: ${path}:`);
  });
});
