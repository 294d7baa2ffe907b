import { InvalidAuthModeError } from '../errors';

/**
 * How the local API authorizes routes the synth gives a JWT authorizer: `jwt` (default) checks
 * every token like API Gateway against the stack's own issuer; `off` lets every request through
 * (quick hacking only: the function still sees claims and scopes, see `unverifiedContext`).
 */
export const AuthMode = { Jwt: 'jwt', Off: 'off' } as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

/**
 * Reads `--auth`.
 *
 * @example
 * parseAuthMode(undefined); // 'jwt'
 * parseAuthMode('off');     // 'off'
 */
export function parseAuthMode(value: string | undefined): AuthMode {
  if (value === undefined) return AuthMode.Jwt;
  const mode = Object.values(AuthMode).find((m) => m === value.trim().toLowerCase());
  if (!mode) throw new InvalidAuthModeError(value);
  return mode;
}
