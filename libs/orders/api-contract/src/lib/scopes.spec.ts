import { routeKey, ROUTES } from './routes';
import { allowsAny, grantedScopes, Role, ROLE_SCOPES, Scope, SCOPE_DESCRIPTIONS, SCOPES, scopeName } from './scopes';

describe('route scopes', () => {
  it('require exactly the scope the access table names for each route', () => {
    // Act
    const scopeByRoute = Object.fromEntries(ROUTES.map((route) => [routeKey(route), route.scope]));

    // Assess
    expect(scopeByRoute).toEqual({
      'GET /products/{productId}': 'shop/catalog.read',
      'PUT /products/{productId}': 'shop/catalog.write',
      'POST /orders': 'shop/orders.write',
      'GET /orders/{orderId}': 'shop/orders.read',
      'GET /products/{productId}/replenishments': 'shop/replenishments.read',
      'POST /replenishments/{replenishmentId}/receive': 'shop/replenishments.receive',
      'GET /replenishments': 'shop/replenishments.read',
      'POST /replenishments/{replenishmentId}/cancel': 'shop/replenishments.receive',
    });
  });

  it('are six, each described and each required by at least one route', () => {
    expect(SCOPES).toHaveLength(6);
    expect(Object.keys(SCOPE_DESCRIPTIONS).sort()).toEqual([...SCOPES].sort());
    expect([...new Set(ROUTES.map((route) => route.scope))].sort()).toEqual([...SCOPES].sort());
  });

  it('name themselves inside the shop resource server', () => {
    expect(SCOPES.map(scopeName)).toEqual(['catalog.read', 'catalog.write', 'orders.write', 'orders.read', 'replenishments.read', 'replenishments.receive']);
  });
});

describe('ROLE_SCOPES', () => {
  it('never lets a customer write the catalog or touch replenishments', () => {
    // Act
    const customerScopes: readonly string[] = ROLE_SCOPES[Role.Customer];

    // Assess
    expect(customerScopes).not.toContain(Scope.CatalogWrite);
    expect(customerScopes.filter((scope) => scope.startsWith('shop/replenishments.'))).toEqual([]);
  });

  it('gives each role the scopes of the access table', () => {
    expect(ROLE_SCOPES).toEqual({
      customer: ['shop/catalog.read', 'shop/orders.write', 'shop/orders.read'],
      'back-office': ['shop/catalog.read', 'shop/catalog.write', 'shop/replenishments.read'],
      warehouse: ['shop/catalog.read', 'shop/replenishments.read', 'shop/replenishments.receive'],
    });
  });
});

describe('grantedScopes', () => {
  it.each([
    ['a space-separated scope claim (OAuth 2.0, Cognito)', { scope: 'shop/orders.write  shop/orders.read' }, ['shop/orders.write', 'shop/orders.read']],
    ['an scp array (Okta, Entra ID)', { scp: ['shop/catalog.read', 7] }, ['shop/catalog.read']],
    ['an scp string', { scp: 'shop/catalog.read shop/catalog.write' }, ['shop/catalog.read', 'shop/catalog.write']],
    ["the [a b] form API Gateway gives an array claim in a 2.0 event", { scp: '[shop/catalog.read shop/orders.read]' }, ['shop/catalog.read', 'shop/orders.read']],
    ['scope before scp when both are there', { scope: 'shop/orders.read', scp: ['shop/catalog.write'] }, ['shop/orders.read']],
    ['no scope claim at all', { sub: 'alice' }, []],
    ['a scope claim that is not text', { scope: 42 }, []],
  ])('reads %s', (_case, claims, expected) => {
    expect(grantedScopes(claims)).toEqual(expected);
  });
});

describe('allowsAny', () => {
  it('allows when at least one required scope is granted, like API Gateway', () => {
    expect(allowsAny(['shop/catalog.read', 'shop/orders.read'], ['shop/orders.read'])).toBe(true);
    expect(allowsAny(['shop/catalog.read'], ['shop/catalog.write'])).toBe(false);
    expect(allowsAny([], ['shop/catalog.read'])).toBe(false);
  });
});
