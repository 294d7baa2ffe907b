import { OrderValidationError } from './errors';
import { placedOrder } from '../testing';
import { MAX_ORDER_QUANTITY, parseOrder } from './order';

const validOrder = placedOrder();

describe('parseOrder', () => {
  it('returns a valid order unchanged', () => {
    expect(parseOrder(validOrder)).toEqual(validOrder);
  });

  it('lists every problem of an invalid order in one error', () => {
    // Act
    const attempt = (): unknown => parseOrder({ ...validOrder, orderId: 'nope', quantity: MAX_ORDER_QUANTITY + 1, status: 'SHIPPED' });

    // Assess
    expect(attempt).toThrow(OrderValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as OrderValidationError).issues.map((i) => i.path).sort()).toEqual(['orderId', 'quantity', 'status']);
    }
  });

  it.each([0, -1, 1.5, MAX_ORDER_QUANTITY + 1])('rejects quantity %p', (quantity) => {
    expect(() => parseOrder({ ...validOrder, quantity })).toThrow(OrderValidationError);
  });

  it.each([undefined, '', 'x'.repeat(257)])('rejects the owner %p', (ownerId) => {
    expect(() => parseOrder({ ...validOrder, ownerId })).toThrow(OrderValidationError);
  });

  it('rejects unknown attributes', () => {
    expect(() => parseOrder({ ...validOrder, price: 3 })).toThrow(OrderValidationError);
  });
});
