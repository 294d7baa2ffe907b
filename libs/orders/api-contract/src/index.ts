export { HttpMethod, ROUTES, routeKey } from './lib/routes';
export type { OperationId, Route, RouteDefinition } from './lib/routes';
