import { ROUTES, routeKey, Scope } from '@shop/orders-api-contract';
import { HttpError } from './http-error';
import { Router } from './router';

const router = new Router(ROUTES.map((route) => ({ route, target: route.operationId })));

const failure = (method: string, path: string): HttpError => {
  try {
    router.match(method, path);
  } catch (error) {
    if (error instanceof HttpError) return error;
  }
  throw new Error(`expected ${method} ${path} to fail`);
};

describe('Router', () => {
  it('serves exactly the contract routes', () => {
    expect(router.routeKeys()).toEqual(ROUTES.map(routeKey));
  });

  it.each([
    ['PUT', '/products/p%231234', 'putProduct', { productId: 'p%231234' }],
    ['GET', '/products/p%231234', 'getProduct', { productId: 'p%231234' }],
    ['GET', '/products/p%231234/replenishments', 'listReplenishments', { productId: 'p%231234' }],
    ['POST', '/orders', 'placeOrder', {}],
    ['GET', '/orders/0190b3d2-7c1e-7a3b-9f00-123456789abc', 'getOrder', { orderId: '0190b3d2-7c1e-7a3b-9f00-123456789abc' }],
    ['POST', '/replenishments/r%2F1/receive', 'receiveReplenishment', { replenishmentId: 'r%2F1' }],
  ])('matches %s %s to %s, parameters still encoded', (method, path, operationId, parameters) => {
    // Act
    const match = router.match(method, path);

    // Assess
    expect(match.entry.target).toBe(operationId);
    expect(match.rawParameters).toEqual(parameters);
  });

  it.each(['/', '/nope', '/products', '/products/', '/orders/', '/products/p1/replenishments/extra', '/replenishments/r1', '//orders'])(
    'answers 404 ROUTE_NOT_FOUND for %s',
    (path) => {
      expect(failure('GET', path)).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
    },
  );

  it('answers 405 with an Allow header when the path exists under other methods', () => {
    expect(failure('DELETE', '/products/p1')).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', extras: { headers: { allow: 'GET, PUT' } } });
    expect(failure('GET', '/orders')).toMatchObject({ status: 405, extras: { headers: { allow: 'POST' } } });
    expect(failure('PUT', '/replenishments/r1/receive')).toMatchObject({ status: 405, extras: { headers: { allow: 'POST' } } });
  });

  it('matches literal segments in their encoded form too', () => {
    expect(router.match('POST', '/%6Frders').entry.target).toBe('placeOrder');
  });

  it('prefers a literal segment over a parameter', () => {
    // Prepare
    const ambiguous = new Router([
      { route: { operationId: 'byId', method: 'GET', path: '/items/{id}', summary: '', scope: Scope.CatalogRead }, target: 'byId' },
      { route: { operationId: 'latest', method: 'GET', path: '/items/latest', summary: '', scope: Scope.CatalogRead }, target: 'latest' },
    ]);

    // Assess
    expect(ambiguous.match('GET', '/items/latest').entry.target).toBe('latest');
    expect(ambiguous.match('GET', '/items/42').entry.target).toBe('byId');
  });
});
