import { parseArgs } from 'node:util';
import { TokenRequestError } from '../errors';
import type { StackFileAuth } from './api-authorization';
import type { AccessTokenRequest } from './local-issuer';

/** `npm run token`'s default lifetime: an hour, like a Cognito access token. */
export const DEFAULT_TOKEN_SECONDS = 3600;
/** The longest lifetime it signs: a day (Cognito's maximum for access tokens). */
export const MAX_TOKEN_SECONDS = 86_400;

export const TOKEN_USAGE = 'usage: npm run token -- --sub SUBJECT --scope SCOPE [--scope SCOPE]... [--expires-in SECONDS] [--audience AUDIENCE] [--state-dir .local]';

/** The flags of `npm run token`, read but not yet checked against a running stack. */
export interface TokenFlags {
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly expiresInSeconds: number;
  readonly audience: string | undefined;
  readonly stateDirectory: string;
}

/**
 * Reads `npm run token`'s flags; anything missing or malformed is a {@link TokenRequestError}.
 *
 * @example
 * parseTokenFlags(['--sub', 'alice', '--scope', 'shop/orders.read']); // { subject: 'alice', scopes: ['shop/orders.read'], expiresInSeconds: 3600, … }
 */
export function parseTokenFlags(argv: readonly string[]): TokenFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sub: { type: 'string' },
        scope: { type: 'string', multiple: true },
        'expires-in': { type: 'string' },
        audience: { type: 'string' },
        'state-dir': { type: 'string', default: '.local' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new TokenRequestError('arguments', `${(error as Error).message}\n${TOKEN_USAGE}`);
  }
  const subject = values.sub?.trim();
  if (!subject) throw new TokenRequestError('--sub', `the token's subject is required (who the token is for, e.g. alice)\n${TOKEN_USAGE}`);
  const scopes = values.scope ?? [];
  if (scopes.length === 0) throw new TokenRequestError('--scope', `name at least one scope\n${TOKEN_USAGE}`);
  const raw = values['expires-in'];
  const expiresInSeconds = raw === undefined ? DEFAULT_TOKEN_SECONDS : Number(raw);
  if (!/^\d+$/.test(raw ?? '1') || !Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_TOKEN_SECONDS) {
    throw new TokenRequestError('--expires-in', `must be a whole number of seconds from 1 to ${MAX_TOKEN_SECONDS}, got "${raw}"`);
  }
  return { subject, scopes, expiresInSeconds, audience: values.audience, stateDirectory: values['state-dir'] as string };
}

/**
 * Checks the flags against the running stack's authorizer: every scope must be one a route
 * requires, the audience one the authorizer accepts (default: its first).
 */
export function accessTokenRequest(flags: TokenFlags, auth: StackFileAuth): AccessTokenRequest {
  const unknown = flags.scopes.filter((scope) => !auth.scopes.includes(scope));
  if (unknown.length > 0) throw new TokenRequestError('--scope', `${unknown.join(', ')}: no route requires ${unknown.length > 1 ? 'these scopes' : 'this scope'}; known scopes: ${auth.scopes.join(' ')}`);
  const audience = flags.audience ?? auth.audience[0];
  if (audience === undefined || !auth.audience.includes(audience)) throw new TokenRequestError('--audience', `${String(flags.audience)} is not an audience of the authorizer; known: ${auth.audience.join(' ')}`);
  return { subject: flags.subject, scopes: [...new Set(flags.scopes)], audience, expiresInSeconds: flags.expiresInSeconds };
}
