import path from 'node:path';
import type { HttpApiDefinition } from '../http/api-definition';
import type { StackFileAuth } from '../stack/stack-file';
import { AuthMode } from './auth-mode';
import { IssuerPaths, LocalIssuer } from './local-issuer';

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
export async function openApiAuthorization(api: HttpApiDefinition, options: { apiUrl: string; mode: AuthMode; stateDirectory: string; persistDirectory?: string }): Promise<ApiAuthorization> {
  const jwtRoutes = api.routes.flatMap((route) => (route.authorization.type === 'JWT' ? [route.authorization] : []));
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
