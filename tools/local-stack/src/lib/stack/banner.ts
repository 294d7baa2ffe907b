import path from 'node:path';
import { describeFaults } from '../faults/fault-settings';
import { describeMismatch, type RuntimeMatch } from '../lambda/runtime-match';
import type { LocalStack } from './local-stack-options';

/** Example requests for the routes the synth has, with one product's story: p#1234, stock 51, threshold 50, lots of 30. */
const EXAMPLES: ReadonlyArray<{ routeKey: string; curl: (api: string, auth: string) => string }> = [
  {
    routeKey: 'PUT /products/{productId}',
    curl: (api, auth) => `curl -X PUT '${api}/products/p%231234'${auth} -H 'content-type: application/json' -d '{"stock":51,"reorderThreshold":50,"amountToReplenish":30}'`,
  },
  { routeKey: 'POST /orders', curl: (api, auth) => `curl -X POST '${api}/orders'${auth} -H 'content-type: application/json' -d '{"productId":"p#1234","quantity":2}'` },
  { routeKey: 'GET /products/{productId}/replenishments', curl: (api, auth) => `curl '${api}/products/p%231234/replenishments'${auth}` },
  { routeKey: 'GET /products/{productId}', curl: (api, auth) => `curl '${api}/products/p%231234'${auth}` },
];

/** Which Node runs the functions, and a loud line for each function whose runtime names another. */
function describeRuntimes(runtimes: readonly RuntimeMatch[]): string[] {
  if (runtimes.length === 0) return [];
  const declared = [...new Set(runtimes.map((match) => match.runtime))].join(', ');
  return [
    `  Functions   on Node ${process.version} (synthesized runtime ${declared})`,
    ...runtimes.filter((match) => !match.matches).map((match) => `  WARNING     ${describeMismatch(match)}`),
  ];
}

/** How long the banner's token lasts: a working day. */
export const BANNER_TOKEN_SECONDS = 12 * 3600;

/**
 * The ready message: where everything is, and what to try. `token` (minted by the caller with
 * every route scope, see {@link BANNER_TOKEN_SECONDS}) goes into the curl examples.
 */
export function readyBanner(stack: LocalStack, startedInMs: number, stateDirectory: string, token?: string): string {
  const relative = (file: string): string => path.relative(process.cwd(), file) || file;
  const api = stack.apiUrl;
  const lines = [
    `Local stack is up in ${(startedInMs / 1000).toFixed(1)} s`,
    ...(api ? [`  API         ${api}   (OpenAPI: ${api}/openapi.json, try it: ${api}/docs)`] : []),
    `  DynamoDB    ${stack.dynamodbEndpoint}   ${stack.dynamodbLocalVersion ? `DynamoDB Local ${stack.dynamodbLocalVersion} ` : ''}(export AWS_ENDPOINT_URL_DYNAMODB=${stack.dynamodbEndpoint} AWS_REGION=${stack.region})`,
    ...describeRuntimes(stack.runtimes),
    `  Tables      ${Object.entries(stack.stackFile.tables).map(([id, name]) => `${id}=${name}`).join('  ')}`,
    ...(stack.stackFile.dlq ? [`  DLQ         ${relative(stack.stackFile.dlq.directory)}/ (one JSON file per message)`] : []),
    `  Stack file  ${relative(path.join(stateDirectory, 'stack.json'))}   (metrics: ${relative(stack.metricsFile)})`,
    `  IAM         ${stack.iamMode}`,
    ...authLines(stack, token),
    ...(stack.persistDirectory ? [`  Persisted   ${relative(stack.persistDirectory)}/ (DynamoDB data and checkpoints survive restarts)`] : []),
    ...(describeFaults(stack.faults).length > 0 ? [`  Faults      ${describeFaults(stack.faults).join(' ')}`] : []),
  ];
  const authHeader = token ? ` -H "authorization: Bearer $TOKEN"` : '';
  const examples = api ? EXAMPLES.filter((e) => stack.routeKeys.includes(e.routeKey)).map((e) => `  ${e.curl(api, authHeader)}`) : [];
  if (examples.length > 0) lines.push('Try:', ...(token ? [`  export TOKEN='${token}'`] : []), ...examples, '  npm run demo');
  lines.push('Ctrl-C stops everything.');
  return lines.join('\n');
}

function authLines(stack: LocalStack, token: string | undefined): string[] {
  if (!stack.issuer) return [];
  if (stack.authMode === 'off') return ['  Auth        OFF (--auth off): NO TOKEN IS CHECKED; every request is let through. Quick hacking only.'];
  return [
    `  Auth        JWT like API Gateway; issuer ${stack.issuer.url} (${stack.issuer.url}/.well-known/openid-configuration)`,
    `              npm run token -- --sub alice --scope ${stack.scopes.slice(0, 2).join(' --scope ')}`,
    ...(token ? [`              $TOKEN below: sub local-developer, every scope, ${BANNER_TOKEN_SECONDS / 3600} h`] : []),
  ];
}
