import { CognitoResourceServer } from '@cdktf/provider-aws/lib/cognito-resource-server';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { RESOURCE_SERVER_ID, Role, ROLE_SCOPES, SCOPE_DESCRIPTIONS, SCOPES, scopeName } from '@shop/orders-api-contract';
import { Construct } from 'constructs';
import type { CognitoAuthConfig } from '../config/auth-config';
import { pinAddress } from './policy-document';

export interface UserPoolProps {
  /** `shop-dev`: the pool and its clients are named after it. */
  readonly namePrefix: string;
  readonly region: string;
  readonly config: CognitoAuthConfig;
}

/** The machine clients, by role: each gets a secret and the client-credentials grant. */
const MACHINE_ROLES = [Role.BackOffice, Role.Warehouse] as const;

/** Each role's app client, by its Terraform name (`aws_cognito_user_pool_client.<name>`). */
export const CLIENT_NAMES = { customer: 'storefront', 'back-office': 'back_office', warehouse: 'warehouse' } as const satisfies Record<Role, string>;

/**
 * The stage's token issuer: a Cognito user pool with the resource server `shop` defining every
 * contract scope; a storefront client for customers (authorization code through the hosted UI, a
 * public client without secret, so use PKCE), allowed only {@link ROLE_SCOPES}.customer, so it can
 * never obtain `catalog.write` or `replenishments.*`; and one client-credentials client per
 * machine role, each allowed only its role's scopes. API Gateway checks access tokens' `client_id` against {@link clientIds}.
 */
export class UserPool extends Construct {
  readonly pool: CognitoUserPool;
  readonly domain: CognitoUserPoolDomain;
  readonly resourceServer: CognitoResourceServer;
  readonly clients: Readonly<Record<Role, CognitoUserPoolClient>>;
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the `iss` of its tokens. */
  readonly issuer: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token`. */
  readonly tokenUrl: string;

  constructor(scope: Construct, id: string, props: UserPoolProps) {
    super(scope, id);
    const { config, namePrefix } = props;
    this.pool = pinAddress(
      new CognitoUserPool(this, 'pool', {
        name: `${namePrefix}-users`,
        usernameAttributes: ['email'],
        autoVerifiedAttributes: ['email'],
        deletionProtection: config.deletionProtection ? 'ACTIVE' : 'INACTIVE',
        mfaConfiguration: 'OPTIONAL',
        softwareTokenMfaConfiguration: { enabled: true },
        passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 3 },
        accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      }),
      'shop',
    );
    this.domain = pinAddress(new CognitoUserPoolDomain(this, 'domain', { domain: config.domainPrefix, userPoolId: this.pool.id }), 'shop');
    this.resourceServer = pinAddress(
      new CognitoResourceServer(this, 'resource-server', {
        userPoolId: this.pool.id,
        identifier: RESOURCE_SERVER_ID,
        name: `${namePrefix}-orders-api`,
        scope: SCOPES.map((scope) => ({ scopeName: scopeName(scope), scopeDescription: SCOPE_DESCRIPTIONS[scope] })),
      }),
      'shop',
    );

    const common = {
      userPoolId: this.pool.id,
      allowedOauthFlowsUserPoolClient: true,
      supportedIdentityProviders: ['COGNITO'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      // The scopes must exist before a client may be allowed them.
      dependsOn: [this.resourceServer],
    };
    const lifetimes = config.tokenLifetimes;
    const storefront = new CognitoUserPoolClient(this, 'storefront', {
      ...common,
      name: `${namePrefix}-storefront`,
      generateSecret: false,
      allowedOauthFlows: ['code'],
      allowedOauthScopes: ['openid', 'email', ...ROLE_SCOPES[Role.Customer]],
      callbackUrls: config.storefront.callbackUrls,
      logoutUrls: config.storefront.logoutUrls,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      accessTokenValidity: lifetimes.customerAccessMinutes,
      idTokenValidity: lifetimes.customerAccessMinutes,
      refreshTokenValidity: lifetimes.customerRefreshDays,
      tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
    });
    const machines = MACHINE_ROLES.map(
      (role) =>
        [
          role,
          pinAddress(
            new CognitoUserPoolClient(this, role, {
              ...common,
              name: `${namePrefix}-${role}`,
              generateSecret: true,
              allowedOauthFlows: ['client_credentials'],
              allowedOauthScopes: [...ROLE_SCOPES[role]],
              explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
              accessTokenValidity: lifetimes.machineAccessMinutes,
              tokenValidityUnits: [{ accessToken: 'minutes' }],
            }),
            CLIENT_NAMES[role],
          ),
        ] as const,
    );
    this.clients = { [Role.Customer]: pinAddress(storefront, CLIENT_NAMES[Role.Customer]), ...Object.fromEntries(machines) } as Record<Role, CognitoUserPoolClient>;
    this.issuer = `https://cognito-idp.${props.region}.amazonaws.com/${this.pool.id}`;
    this.tokenUrl = `https://${this.domain.domain}.auth.${props.region}.amazoncognito.com/oauth2/token`;
  }

  /** Every client's id: API Gateway's `audience` (Cognito access tokens carry `client_id`, not `aud`). */
  get clientIds(): string[] {
    return Object.values(this.clients).map((client) => client.id);
  }
}
