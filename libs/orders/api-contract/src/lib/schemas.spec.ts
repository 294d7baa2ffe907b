import { ROUTES } from './routes';
import { OPERATIONS } from './operations';
import { HeaderParameter, PathParameter, placeOrderBodySchema, putProductBodySchema } from './schemas';

describe('request schemas', () => {
  it('accepts a product body without its id, and nothing more', () => {
    expect(putProductBodySchema.parse({ stock: 0, reorderThreshold: 0, amountToReplenish: 1, name: 'Mug' })).toEqual({
      stock: 0,
      reorderThreshold: 0,
      amountToReplenish: 1,
      name: 'Mug',
    });
    expect(putProductBodySchema.safeParse({ productId: 'p#1', stock: 0, reorderThreshold: 0, amountToReplenish: 1 }).success).toBe(false);
    expect(putProductBodySchema.safeParse({ stock: -1, reorderThreshold: 0, amountToReplenish: 1 }).success).toBe(false);
    expect(putProductBodySchema.safeParse({ stock: 1, reorderThreshold: 0, amountToReplenish: 0 }).success).toBe(false);
    expect(putProductBodySchema.safeParse({ stock: 1, reorderThreshold: 0, amountToReplenish: 1, name: 'x'.repeat(201) }).success).toBe(false);
  });

  it.each([
    [{ productId: 'p#1', quantity: 1 }, true],
    [{ productId: 'p#1', quantity: 10_000 }, true],
    [{ productId: 'p#1', quantity: 0 }, false],
    [{ productId: 'p#1', quantity: 10_001 }, false],
    [{ productId: 'p#1', quantity: 1.5 }, false],
    [{ productId: 'p#1', quantity: '1' }, false],
    [{ productId: '', quantity: 1 }, false],
    [{ quantity: 1 }, false],
    [{ productId: 'p#1', quantity: 1, price: 3 }, false],
  ])('validates the order body %j as %p', (body, valid) => {
    expect(placeOrderBodySchema.safeParse(body).success).toBe(valid);
  });

  it('makes the Idempotency-Key optional but well-formed', () => {
    const schema = HeaderParameter['Idempotency-Key'];
    expect(schema.safeParse(undefined).success).toBe(true);
    expect(schema.safeParse('abc-123_X').success).toBe(true);
    expect(schema.safeParse('').success).toBe(false);
    expect(schema.safeParse('no spaces').success).toBe(false);
  });

  it('names every path parameter of every route in its contract', () => {
    for (const route of ROUTES) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = Object.keys((OPERATIONS[route.operationId].request as { path?: object }).path ?? {}).sort();
      expect({ route: route.operationId, parameters: declared }).toEqual({ route: route.operationId, parameters: inPath });
      for (const name of declared) expect(PathParameter).toHaveProperty(name);
    }
  });
});
