import { Role, ROLE_SCOPES, SCOPES, type Scope } from '@shop/orders-api-contract';
import { LocalIssuer, type StackFileAuth } from '@shop/tools-local-stack';

/** Who a test acts as: one of the contract's roles (with its scopes), or a subject with chosen scopes. */
export type Caller = { readonly role: Role; readonly subject?: string } | { readonly subject: string; readonly scopes: readonly string[] };

/** An hour: longer than any e2e or fault test, so no token expires mid-test. */
const TOKEN_SECONDS = 3600;

/**
 * Signs access tokens the running stack's JWT authorizer accepts, with its local issuer's key (as
 * `npm run token` does), for the contract's roles ({@link ROLE_SCOPES}) or any scopes.
 *
 * @example
 * const tokens = new Tokens(stack.endpoints.auth);
 * const header = await tokens.bearer({ role: Role.Customer, subject: 'alice' });
 */
export class Tokens {
  private readonly issuer: LocalIssuer | undefined;

  constructor(readonly auth: StackFileAuth | undefined) {
    this.issuer = auth && LocalIssuer.load(auth.issuer, auth.signingKeyFile);
  }

  /** The token of a caller; undefined when the stack's API has no authorizer. */
  async token(caller: Caller): Promise<string | undefined> {
    if (!this.issuer || !this.auth) return undefined;
    const scopes = 'role' in caller ? ROLE_SCOPES[caller.role] : caller.scopes;
    const subject = caller.subject ?? ('role' in caller ? caller.role : 'e2e');
    return this.issuer.sign({ subject, scopes, audience: this.auth.audience[0] as string, expiresInSeconds: TOKEN_SECONDS });
  }

  /** `{ authorization: 'Bearer …' }` for a caller (empty without an authorizer). */
  async bearer(caller: Caller): Promise<Record<string, string>> {
    const token = await this.token(caller);
    return token ? { authorization: `Bearer ${token}` } : {};
  }
}

/** The caller the existing e2e and fault tests act as: one subject holding every scope of the contract. */
export const OPERATOR: Caller = { subject: 'e2e-operator', scopes: SCOPES as readonly Scope[] };
