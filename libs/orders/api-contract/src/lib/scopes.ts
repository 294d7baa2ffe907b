/**
 * OAuth 2.0 scopes of the orders API and the roles that hold them: the one list infra's Cognito
 * resource server and route `authorization_scopes`, the router's own check, the OpenAPI `security`,
 * the local authorizer and the tests all derive from.
 */

/** The resource server every scope belongs to: Cognito writes its scopes `<identifier>/<name>`. */
export const RESOURCE_SERVER_ID = 'shop';

/** Every scope, as the token's `scope` (or `scp`) claim carries it. */
export const Scope = {
  CatalogRead: 'shop/catalog.read',
  CatalogWrite: 'shop/catalog.write',
  OrdersWrite: 'shop/orders.write',
  OrdersRead: 'shop/orders.read',
  ReplenishmentsRead: 'shop/replenishments.read',
  ReplenishmentsReceive: 'shop/replenishments.receive',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/** What each scope allows, in words (the OpenAPI security scheme and Cognito's resource server). */
export const SCOPE_DESCRIPTIONS = {
  'shop/catalog.read': 'Read products',
  'shop/catalog.write': 'Create products and edit their definition (stock, threshold, amount to replenish, name)',
  'shop/orders.write': 'Place orders',
  'shop/orders.read': "Read one's own orders",
  'shop/replenishments.read': "List a product's replenishment orders",
  'shop/replenishments.receive': 'Receive replenishment orders (adds their amount to stock)',
} as const satisfies Record<Scope, string>;

/** Every scope, in a stable order. */
export const SCOPES: readonly Scope[] = Object.values(Scope);

/** Who calls the API: customers through the storefront, and two machine clients. */
export const Role = { Customer: 'customer', BackOffice: 'back-office', Warehouse: 'warehouse' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/**
 * The scopes each role may ever hold. A customer can never obtain `catalog.write` or any
 * `replenishments.*` scope: infra's storefront client is allowed exactly these.
 */
export const ROLE_SCOPES = {
  customer: [Scope.CatalogRead, Scope.OrdersWrite, Scope.OrdersRead],
  'back-office': [Scope.CatalogRead, Scope.CatalogWrite, Scope.ReplenishmentsRead],
  warehouse: [Scope.CatalogRead, Scope.ReplenishmentsRead, Scope.ReplenishmentsReceive],
} as const satisfies Record<Role, readonly Scope[]>;

/**
 * A scope's name inside its resource server (`shop/catalog.read` → `catalog.read`), as Cognito's
 * `aws_cognito_resource_server` declares it.
 *
 * @example
 * scopeName(Scope.CatalogRead); // 'catalog.read'
 */
export const scopeName = (scope: Scope): string => scope.slice(RESOURCE_SERVER_ID.length + 1);

/** Splits a claim value: an array, a space-separated string, or the `[a b]` form API Gateway gives arrays in a 2.0 event. */
function scopeValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const text = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return text.split(' ').filter((item) => item.length > 0);
}

/**
 * The scopes a token grants, read the way API Gateway's JWT authorizer reads them: the `scope`
 * claim (OAuth 2.0, space-separated; Cognito) or else the `scp` claim (an array or a
 * space-separated string; Okta, Entra ID). Works on a decoded token and on the string-valued
 * `requestContext.authorizer.jwt.claims` of a payload 2.0 event.
 *
 * @example
 * grantedScopes({ scope: 'shop/orders.write shop/orders.read' }); // ['shop/orders.write', 'shop/orders.read']
 * grantedScopes({ scp: ['shop/catalog.read'] });                   // ['shop/catalog.read']
 */
export function grantedScopes(claims: Readonly<Record<string, unknown>>): string[] {
  const scope = scopeValues(claims['scope']);
  return scope.length > 0 ? scope : scopeValues(claims['scp']);
}

/**
 * Whether granted scopes satisfy a route's required ones: API Gateway lets a request through when
 * the token carries at least one of them.
 *
 * @example
 * allowsAny(['shop/catalog.read'], ['shop/catalog.write']); // false
 */
export const allowsAny = (granted: readonly string[], required: readonly string[]): boolean =>
  required.some((scope) => granted.includes(scope));
