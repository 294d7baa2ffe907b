import { allowsAny, ROUTES, routeKey, type RouteDefinition } from '@shop/orders-api-contract';
import { resourcesOfType, singleReference, type TerraformJson } from '@shop/shared-util-terraform-json';
import { TOKEN_IDENTITY_SOURCE } from '../constructs/http-api';

const sameScopes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');

/**
 * Every way a synthesized route falls short of the contract's authorization: not `JWT`, no JWT
 * authorizer reading the Authorization header, or scopes other than exactly the route's contract
 * scope; and contract routes missing from the synth. Empty when every route is protected.
 *
 * @example
 * expect(routeAuthorizationProblems(synth.json)).toEqual([]);
 */
export function routeAuthorizationProblems(json: TerraformJson, routes: readonly RouteDefinition[] = ROUTES): string[] {
  const authorizers = new Map(resourcesOfType(json, 'aws_apigatewayv2_authorizer').map((block) => [block.name, block.config]));
  const synthesized = resourcesOfType(json, 'aws_apigatewayv2_route');
  const problems = routes
    .filter((route) => !synthesized.some((block) => block.config['route_key'] === routeKey(route)))
    .map((route) => `${routeKey(route)}: missing from the synth`);
  for (const { config } of synthesized) {
    const key = String(config['route_key']);
    const contract = routes.find((route) => routeKey(route) === key);
    if (!contract) {
      problems.push(`${key}: not a contract route`);
      continue;
    }
    if (config['authorization_type'] !== 'JWT') problems.push(`${key}: authorization_type is ${String(config['authorization_type'] ?? 'NONE')}, not JWT`);
    const authorizerReference = singleReference(config['authorizer_id']);
    const authorizerName = authorizerReference?.type === 'aws_apigatewayv2_authorizer' && authorizerReference.attribute === 'id' ? authorizerReference.name : undefined;
    const authorizer = authorizerName === undefined ? undefined : authorizers.get(authorizerName);
    if (!authorizer) problems.push(`${key}: no aws_apigatewayv2_authorizer`);
    else if (authorizer['authorizer_type'] !== 'JWT' || !sameScopes((authorizer['identity_sources'] ?? []) as string[], [TOKEN_IDENTITY_SOURCE])) {
      problems.push(`${key}: authorizer ${authorizerName ?? ''} is not a JWT authorizer on ${TOKEN_IDENTITY_SOURCE}`);
    }
    const scopes = (config['authorization_scopes'] ?? []) as string[];
    if (!sameScopes(scopes, [contract.scope])) problems.push(`${key}: authorization_scopes [${scopes.join(', ')}], the contract says [${contract.scope}]`);
  }
  return problems;
}

/**
 * The synthesized routes API Gateway lets a caller through, as sorted route keys: the access matrix
 * of the API. Without a token (`undefined`) only routes without authorization; with a token granting
 * `scopes`, those too, plus JWT routes without scopes or with at least one of the granted scopes.
 *
 * @example
 * routesAllowedFor(synth.json, ['shop/catalog.read']); // ['GET /products/{productId}']
 * routesAllowedFor(synth.json, undefined);             // []
 */
export function routesAllowedFor(json: TerraformJson, scopes: readonly string[] | undefined): string[] {
  return resourcesOfType(json, 'aws_apigatewayv2_route')
    .filter(({ config }) => {
      if (config['authorization_type'] !== 'JWT') return true;
      const required = (config['authorization_scopes'] ?? []) as string[];
      return scopes !== undefined && (required.length === 0 || allowsAny(scopes, required));
    })
    .map(({ config }) => String(config['route_key']))
    .sort();
}
