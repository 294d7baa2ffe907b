import { decodeJwt } from 'jose';
import { grantedScopes } from '@shop/orders-api-contract';
import { apiGatewayClaims } from './authorizer-claims';
import { tokenFrom, type IdentityCarrier, type JwtAuthorizerContext } from './jwt-authorizer';
import type { IdentitySource } from './jwt-authorizer-definition';

/** The subject of the banner's token, and of a request without a token under `--auth off`. */
export const LOCAL_DEVELOPER_SUBJECT = 'local-developer';

/**
 * `--auth off`: what the function gets instead of a verified authorizer result, so that it (and its
 * own scope check) still works while nothing is verified. A request with a decodable bearer token
 * passes that token's claims and scopes on, unverified; one without runs as
 * {@link LOCAL_DEVELOPER_SUBJECT} with exactly the route's scopes.
 *
 * @example
 * unverifiedContext({ headers: {}, rawQueryString: '' }, route); // { claims: { sub: 'local-developer', … }, scopes: the route's }
 */
export function unverifiedContext(request: IdentityCarrier, route: { readonly authorizer: { readonly identitySource: IdentitySource }; readonly scopes: readonly string[] }): JwtAuthorizerContext {
  const routeScopes = route.scopes;
  const token = tokenFrom(request, route.authorizer.identitySource);
  if (token) {
    try {
      const payload = decodeJwt(token);
      return { claims: apiGatewayClaims(payload), scopes: routeScopes.length > 0 ? grantedScopes(payload) : null };
    } catch {
      // not a JWT: run as the local developer
    }
  }
  return { claims: { sub: LOCAL_DEVELOPER_SUBJECT, scope: routeScopes.join(' '), token_use: 'access' }, scopes: routeScopes.length > 0 ? [...routeScopes] : null };
}
