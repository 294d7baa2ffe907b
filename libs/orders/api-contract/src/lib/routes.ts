import { Scope } from './scopes';

/**
 * The orders API's routes: the one list the Lambda router, the OpenAPI document and infra's API
 * Gateway routes are all built from. A route cannot exist in one and be missing in another.
 * (Request/response schemas are attached per route by the orders-api-contract's schemas module.)
 */
export const HttpMethod = { Get: 'GET', Put: 'PUT', Post: 'POST' } as const;
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];

export interface RouteDefinition {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/products/{productId}`. */
  readonly path: string;
  readonly summary: string;
  /**
   * The OAuth 2.0 scope a caller's token must carry: API Gateway's JWT authorizer checks it
   * (infra's route `authorization_scopes`) and the function checks it again.
   */
  readonly scope: Scope;
}

export const ROUTES = [
  { operationId: 'putProduct', method: 'PUT', path: '/products/{productId}', summary: 'Create a product or update its definition (what is on order is kept)', scope: Scope.CatalogWrite },
  { operationId: 'getProduct', method: 'GET', path: '/products/{productId}', summary: 'Read a product', scope: Scope.CatalogRead },
  { operationId: 'listReplenishments', method: 'GET', path: '/products/{productId}/replenishments', summary: "List a product's replenishment orders, newest first, a page at a time", scope: Scope.ReplenishmentsRead },
  { operationId: 'listPendingReplenishments', method: 'GET', path: '/replenishments', summary: 'List the PENDING replenishment orders of every product, oldest first, a page at a time', scope: Scope.ReplenishmentsRead },
  { operationId: 'placeOrder', method: 'POST', path: '/orders', summary: 'Place an order (decrements stock in the same transaction)', scope: Scope.OrdersWrite },
  { operationId: 'getOrder', method: 'GET', path: '/orders/{orderId}', summary: 'Read an order', scope: Scope.OrdersRead },
  { operationId: 'receiveReplenishment', method: 'POST', path: '/replenishments/{replenishmentId}/receive', summary: 'Receive a replenishment: stock += amount, onOrder -= amount, status RECEIVED', scope: Scope.ReplenishmentsReceive },
  { operationId: 'cancelReplenishment', method: 'POST', path: '/replenishments/{replenishmentId}/cancel', summary: 'Cancel a replenishment that will not come: onOrder -= amount, status CANCELLED', scope: Scope.ReplenishmentsReceive },
] as const satisfies readonly RouteDefinition[];

export type Route = (typeof ROUTES)[number];
export type OperationId = Route['operationId'];

/** API Gateway's route key: `PUT /products/{productId}`. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;
