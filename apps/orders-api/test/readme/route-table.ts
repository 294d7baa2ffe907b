/**
 * The route table of apps/orders-api/README.md, rendered from the contract (`ROUTES` and
 * `OPERATIONS`): written by `npx nx run orders-api:readme`, checked by `route-table.spec.ts`.
 */
import path from 'node:path';
import { ERROR_STATUS, OPERATIONS, ROUTES, type OperationContract } from '@shop/orders-api-contract';

export const ORDERS_API_README = path.resolve(__dirname, '../../README.md');
export const ROUTES_START = '<!-- routes:start (generated from ROUTES and OPERATIONS by `npx nx run orders-api:readme`; do not edit) -->';
export const ROUTES_END = '<!-- routes:end -->';

const code = (text: string): string => `\`${text}\``;
const names = (parameters: Readonly<Record<string, unknown>> | undefined): string[] => Object.keys(parameters ?? {});

/** The route column: method and path, then what else the request carries. */
function requestCell(method: string, routePath: string, contract: OperationContract): string {
  const query = names(contract.request.query).map((name) => `?${name}`);
  const headers = names(contract.request.headers);
  const extras = [...(contract.request.body ? ['JSON body'] : []), ...query, ...headers].map((extra) => (extra === 'JSON body' ? extra : code(extra)));
  return code(`${method} ${routePath}`) + (extras.length > 0 ? ` (${extras.join(', ')})` : '');
}

/**
 * One row per route, in `ROUTES` order: the route, its scope, its success and the errors only it
 * answers (the ones every route may answer are listed under the table).
 *
 * @example
 * renderRouteTable().split('\n')[2]; // '| `PUT /products/{productId}` (JSON body) | `shop/catalog.write` | 200: The product as stored … | — |'
 */
export function renderRouteTable(): string {
  const rows = ROUTES.map((route) => {
    const contract: OperationContract = OPERATIONS[route.operationId];
    const errors = contract.errors.map((error) => `${ERROR_STATUS[error]} ${code(error)}`).join(', ') || '—';
    return `| ${requestCell(route.method, route.path, contract)} | ${code(route.scope)} | ${contract.success.status}: ${contract.success.description} | ${errors} |`;
  });
  return ['| route | scope | success | errors of this route |', '|---|---|---|---|', ...rows].join('\n');
}

/** The README with the table between the markers replaced; the markers must be there once, in order. */
export function withRouteTable(readme: string, table: string): string {
  const start = readme.indexOf(ROUTES_START);
  const end = readme.indexOf(ROUTES_END);
  if (start === -1 || end < start || readme.indexOf(ROUTES_START, start + 1) !== -1) {
    throw new Error(`apps/orders-api/README.md must contain the route table markers once, in order:\n${ROUTES_START}\n${ROUTES_END}`);
  }
  return `${readme.slice(0, start + ROUTES_START.length)}\n${table}\n${readme.slice(end)}`;
}
