import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { allowsAny, ErrorCode, grantedScopes, type RouteDefinition } from '@shop/orders-api-contract';
import { HttpError } from './http-error';

/** Who is calling, as API Gateway's JWT authorizer verified it. */
export interface Caller {
  /** The token's `sub`: a Cognito user's id, or a machine client's id. Orders are owned by it. */
  readonly subject: string;
  readonly scopes: readonly string[];
}

/** The JWT part of a payload 2.0 `requestContext.authorizer` (absent on a route without an authorizer). */
interface JwtAuthorizerContext {
  readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>>; readonly scopes?: readonly string[] | null };
}

/**
 * Checks again, inside the function, what API Gateway's JWT authorizer already checked, so a
 * route deployed without its authorizer or scopes cannot open a hole: the verified claims must be
 * there with a `sub` (else 401 UNAUTHORIZED), and the token's `scope`/`scp` claim must hold the
 * route's contract scope (else 403 FORBIDDEN). Scopes are read from the claims as API Gateway reads
 * them (`scope` space-separated, else `scp`); `jwt.scopes` is not trusted alone, since API Gateway
 * fills it only on routes that require scopes.
 *
 * @example
 * const caller = authorizeCaller(event, route); // { subject: 'alice', scopes: ['shop/orders.write'] }
 */
export function authorizeCaller(event: APIGatewayProxyEventV2, route: Pick<RouteDefinition, 'scope'>): Caller {
  const authorizer = (event.requestContext as { authorizer?: JwtAuthorizerContext }).authorizer;
  const claims = authorizer?.jwt?.claims;
  const subject = claims?.['sub'];
  if (!claims || typeof subject !== 'string' || subject.length === 0) {
    throw new HttpError(ErrorCode.Unauthorized, 'The request carries no verified token; send Authorization: Bearer <access token>', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  const scopes = grantedScopes(claims);
  if (!allowsAny(scopes, [route.scope])) {
    throw new HttpError(ErrorCode.Forbidden, `The token lacks the scope ${route.scope} this operation requires`, {
      headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${route.scope}"` },
    });
  }
  return { subject, scopes };
}
