import { z } from 'zod';

/** Who issues the tokens API Gateway's JWT authorizer accepts. */
export const AuthKind = { Cognito: 'cognito', Oidc: 'oidc' } as const;
export type AuthKind = (typeof AuthKind)[keyof typeof AuthKind];

const integer = (min: number, max: number) => z.number().int().min(min).max(max);

// Cognito accepts https redirect URLs, and http only for localhost.
const redirectUrl = z.url().refine((url) => url.startsWith('https://') || /^http:\/\/localhost(:\d+)?(\/|$)/.test(url), 'must be https (or http://localhost)');

const cognito = z.object({
  kind: z.literal(AuthKind.Cognito),
  /**
   * Prefix of the user pool's domain, `https://<prefix>.auth.<region>.amazoncognito.com` (the
   * hosted UI and the token endpoint). Unique per region across all accounts: change it to yours.
   */
  domainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'use 1-63 lowercase letters, digits or hyphens')
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'Cognito refuses a domain containing aws, amazon or cognito'),
  /** Users cannot be deleted with the pool by accident when on. */
  deletionProtection: z.boolean(),
  /** Where the hosted UI may send a customer back with an authorization code. */
  storefront: z.object({ callbackUrls: z.array(redirectUrl).min(1), logoutUrls: z.array(redirectUrl).default([]) }),
  tokenLifetimes: z.object({
    /** Customers' access and ID tokens (Cognito: 5 minutes to 1 day). */
    customerAccessMinutes: integer(5, 1_440),
    /** A customer signs in again after this (Cognito: 1 hour to 10 years; we cap at 90 days). */
    customerRefreshDays: integer(1, 90),
    /** Machine clients ask for a new token by client credentials when it expires. */
    machineAccessMinutes: integer(5, 1_440),
  }),
});

const oidc = z.object({
  kind: z.literal(AuthKind.Oidc),
  /** The company's issuer: API Gateway reads `<issuer>/.well-known/openid-configuration` and its JWKS. */
  issuer: z.url().refine((url) => url.startsWith('https://'), 'API Gateway needs an https issuer'),
  /** Accepted `aud` (or, without `aud`, `client_id`) values. */
  audience: z.array(z.string().min(1)).min(1),
});

/** A stage's token issuer: a Cognito user pool infra creates, or an existing OIDC issuer. */
export const authConfigSchema = z.discriminatedUnion('kind', [cognito, oidc]);
export type AuthConfig = z.output<typeof authConfigSchema>;
export type CognitoAuthConfig = Extract<AuthConfig, { kind: 'cognito' }>;
