import path from 'node:path';
import { AuthMode } from './auth-mode';
import type { RouteAuthorization } from './jwt-authorizer-definition';
import { IssuerPaths, LocalIssuer } from './local-issuer';

/** How `npm run token` reaches the running stack's issuer. */
export interface StackFileAuth {
  readonly mode: 'jwt' | 'off';
  /** The issuer URL tokens carry in `iss`. */
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Every scope a route requires. */
  readonly scopes: readonly string[];
  /** The issuer's private key (JWK), readable by this user only. */
  readonly signingKeyFile: string;
}

/** The local side of an API's JWT authorizers: the issuer standing in for the synthesized one, and what `npm run token` needs. */
export interface ApiAuthorization {
  readonly mode: AuthMode;
  /** Undefined when no route has a JWT authorizer. */
  readonly issuer: LocalIssuer | undefined;
  readonly audience: readonly string[];
  readonly scopes: readonly string[];
  /** For `.local/stack.json`; undefined when no route has a JWT authorizer. */
  readonly stackFile: StackFileAuth | undefined;
  /** The issuer's discovery document and keys, by path below the API's URL. */
  readonly resources: Readonly<Record<string, () => unknown>>;
}

/**
 * Starts the issuer for an API whose routes have JWT authorizers, at the API's URL (discovery at
 * `<apiUrl>/.well-known/openid-configuration`). Its key is made anew in `stateDirectory/issuer`,
 * or kept in `persistDirectory/issuer` so tokens stay valid across restarts. The audiences and
 * scopes are the synth's: tokens are minted for them.
 */
export async function openApiAuthorization(
  routes: readonly RouteAuthorization[],
  options: { apiUrl: string; mode: AuthMode; stateDirectory: string; persistDirectory?: string },
): Promise<ApiAuthorization> {
  const jwtRoutes = routes.flatMap((route) => (route.type === 'JWT' ? [route] : []));
  if (jwtRoutes.length === 0) return { mode: options.mode, issuer: undefined, audience: [], scopes: [], stackFile: undefined, resources: {} };
  const audience = [...new Set(jwtRoutes.flatMap((route) => route.authorizer.audience))];
  const scopes = [...new Set(jwtRoutes.flatMap((route) => route.scopes))];
  const keyFile = path.join(options.persistDirectory ?? options.stateDirectory, 'issuer', 'signing-key.json');
  const issuer = await LocalIssuer.open({ url: options.apiUrl, keyFile, keep: options.persistDirectory !== undefined });
  return {
    mode: options.mode,
    issuer,
    audience,
    scopes,
    stackFile: { mode: options.mode, issuer: issuer.url, audience, scopes, signingKeyFile: path.resolve(keyFile) },
    resources: { [IssuerPaths.discovery]: () => issuer.discoveryDocument(), [IssuerPaths.jwks]: () => issuer.jwks() },
  };
}
