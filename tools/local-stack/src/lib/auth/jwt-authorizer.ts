import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { allowsAny, grantedScopes } from '@shop/orders-api-contract';
import { apiGatewayClaims } from './authorizer-claims';
import type { IdentitySource, JwtAuthorizerDefinition } from './jwt-authorizer-definition';

/**
 * The RSA signatures API Gateway verifies ("Currently, only RSA-based algorithms are supported"):
 * `alg: none`, HMAC (a public key used as a shared secret) and EC are refused.
 */
export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

/** What the integration gets in `requestContext.authorizer.jwt`. */
export interface JwtAuthorizerContext {
  readonly claims: Readonly<Record<string, string>>;
  /** The token's scopes when the route requires scopes; null otherwise (as on AWS). */
  readonly scopes: readonly string[] | null;
}

/** The authorizer's verdict: the context to pass on, or API Gateway's 401/403 with the reason it gives in `www-authenticate`. */
export type AuthorizationOutcome =
  | { readonly allowed: true; readonly context: JwtAuthorizerContext }
  | { readonly allowed: false; readonly status: 401 | 403; readonly description: string };

/** The parts of a request an identity source can name. */
export interface IdentityCarrier {
  /** Header values by lower-case name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawQueryString: string;
}

/** Who signs the tokens locally: the issuer URL tokens must carry and its keys. */
export interface TrustedIssuer {
  readonly url: string;
  readonly keys: JWTVerifyGetKey;
}

/**
 * API Gateway's HTTP API JWT authorizer, step by step as documented
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html,
 * "Authorizing API requests"), against the local issuer instead of the synthesized one:
 * 1. the identity source holds the token, alone or prefixed with `Bearer `;
 * 2. it is decoded; 3. its algorithm must be RSA and its signature valid for the key its `kid` names;
 * 4. `iss` must be the issuer; `aud` — or `client_id` only when there is no `aud` — one of the
 *    audiences; `exp` after now, `nbf` and `iat` before now; `scope` or `scp` must hold at least one
 *    of the route's scopes.
 * Any failure of 1–4 is 401 `{"message":"Unauthorized"}`; a valid token without the scope is 403
 * `{"message":"Forbidden"}`.
 *
 * @example
 * const verdict = await authorizeJwt(request, { authorizer, scopes: ['shop/orders.read'] }, issuer);
 * if (verdict.allowed) event.requestContext.authorizer = { jwt: verdict.context };
 */
export async function authorizeJwt(
  request: IdentityCarrier,
  route: { readonly authorizer: JwtAuthorizerDefinition; readonly scopes: readonly string[] },
  issuer: TrustedIssuer,
  now: () => number = Date.now,
): Promise<AuthorizationOutcome> {
  const token = tokenFrom(request, route.authorizer.identitySource);
  if (token === undefined) return unauthorized('the request has no token');
  const cached = verifiedTokens.find(issuer, token);
  const verified = cached ? checkTimes(cached, now()) : await verify(token, issuer, now);
  if (!verified.allowed) return verified;
  const { payload, scopes, claims } = verified.token;
  if (!hasValidAudience(payload, route.authorizer.audience)) return unauthorized('the token does not have a valid audience');
  if (route.scopes.length > 0 && !allowsAny(scopes, route.scopes)) {
    return { allowed: false, status: 403, description: `the token has none of the route's scopes (${route.scopes.join(' ')})` };
  }
  return { allowed: true, context: { claims, scopes: route.scopes.length > 0 ? scopes : null } };
}

/** Steps 2–3 and the time claims of step 4, for a token not verified before; a valid one is remembered. */
async function verify(token: string, issuer: TrustedIssuer, now: () => number): Promise<VerifiedOutcome> {
  let alg: string | undefined;
  let kid: string | undefined;
  try {
    ({ alg, kid } = decodeProtectedHeader(token));
  } catch {
    return unauthorized('the token is not a JWT');
  }
  if (!(RSA_ALGORITHMS as readonly string[]).includes(alg ?? '')) return unauthorized(`the token's algorithm ${alg ?? '(none)'} is not an RSA signature`);
  if (!kid) return unauthorized('the token has no kid header');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, issuer.keys, { issuer: issuer.url, algorithms: [...RSA_ALGORITHMS], requiredClaims: ['exp'], currentDate: new Date(now()) }));
  } catch (error) {
    return unauthorized(verificationProblem(error));
  }
  if (typeof payload.iat === 'number' && payload.iat * 1000 > now()) return unauthorized('the token was issued in the future (iat)');
  // Frozen: every request that presents this token shares them.
  const verified: VerifiedToken = { payload: Object.freeze(payload), scopes: Object.freeze(grantedScopes(payload)), claims: Object.freeze(apiGatewayClaims(payload)) };
  verifiedTokens.remember(issuer, token, verified);
  return { allowed: true, token: verified };
}

/**
 * The time claims of a token verified before, against `nowMs`, exactly as `jwtVerify` checks them
 * (`nbf` after now, then `exp` at or before now, in whole seconds) and as step 4 checks `iat`:
 * a remembered token is never valid for longer than it would be if verified again.
 */
function checkTimes(token: VerifiedToken, nowMs: number): VerifiedOutcome {
  const nowSeconds = Math.floor(nowMs / 1000);
  const { nbf, exp, iat } = token.payload;
  if (typeof nbf === 'number' && nbf > nowSeconds) return unauthorized('the token is not valid yet (nbf)');
  if (typeof exp !== 'number' || exp <= nowSeconds) return unauthorized('the token has expired');
  if (typeof iat === 'number' && iat * 1000 > nowMs) return unauthorized('the token was issued in the future (iat)');
  return { allowed: true, token };
}

/** A token whose signature and issuer were verified, with what every route derives from it. */
interface VerifiedToken {
  readonly payload: JWTPayload;
  readonly scopes: readonly string[];
  readonly claims: Readonly<Record<string, string>>;
}

type VerifiedOutcome = { readonly allowed: true; readonly token: VerifiedToken } | { readonly allowed: false; readonly status: 401; readonly description: string };

/**
 * Tokens whose signature was verified, per issuer (its keys never change: a new issuer object, as
 * at a restart, starts empty), at most {@link MAX_VERIFIED_TOKENS} each, the oldest forgotten
 * first. A client sends the same token with every request until it expires, and an RSA
 * signature check (a WebCrypto job on libuv's thread pool) is most of what the authorizer costs;
 * the claims that depend on the time are checked again at every request.
 */
const MAX_VERIFIED_TOKENS = 1_000;
const verifiedTokens = {
  byIssuer: new WeakMap<TrustedIssuer, Map<string, VerifiedToken>>(),
  find(issuer: TrustedIssuer, token: string): VerifiedToken | undefined {
    return this.byIssuer.get(issuer)?.get(token);
  },
  remember(issuer: TrustedIssuer, token: string, verified: VerifiedToken): void {
    let tokens = this.byIssuer.get(issuer);
    if (!tokens) this.byIssuer.set(issuer, (tokens = new Map()));
    tokens.set(token, verified);
    if (tokens.size > MAX_VERIFIED_TOKENS) tokens.delete(tokens.keys().next().value as string);
  },
};

/** The token an identity source holds, without its `Bearer ` prefix; undefined when there is none. */
export function tokenFrom(request: IdentityCarrier, source: IdentitySource): string | undefined {
  const raw = source.in === 'header' ? request.headers[source.name] : (new URLSearchParams(request.rawQueryString).get(source.name) ?? undefined);
  const value = raw?.trim();
  if (!value) return undefined;
  // "The identitySource can include only the token, or the token prefixed with Bearer."
  const token = value.replace(/^bearer(\s+|$)/i, '');
  return token === '' ? undefined : token;
}

/** API Gateway evaluates `aud` when present and `client_id` only when there is no `aud`. */
function hasValidAudience(payload: JWTPayload, audiences: readonly string[]): boolean {
  if (payload.aud !== undefined) return (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).some((aud) => audiences.includes(aud));
  const clientId = payload['client_id'];
  return typeof clientId === 'string' && audiences.includes(clientId);
}

function verificationProblem(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet (nbf)';
    if (error.claim === 'iss') return 'the token was not issued by the authorizer\'s issuer';
    return `the token's ${error.claim} claim is invalid: ${error.reason}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token\'s signature is not valid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the token\'s kid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token\'s algorithm is not allowed';
  return 'the token is malformed';
}

function unauthorized(description: string): { readonly allowed: false; readonly status: 401; readonly description: string } {
  return { allowed: false, status: 401, description };
}
