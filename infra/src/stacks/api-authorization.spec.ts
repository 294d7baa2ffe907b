import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { CognitoResourceServer } from '@cdktf/provider-aws/lib/cognito-resource-server';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { Role, SCOPES, scopeName } from '@shop/orders-api-contract';
import { AuthKind } from '../config/auth-config';
import { StageConfigError } from '../config/errors';
import { defineStage, type StageConfig } from '../config/stage-config';
import { STAGES } from '../config/stages';
import { CLIENT_NAMES } from '../constructs/user-pool';
import { routeAuthorizationProblems, routesAllowedFor } from '../synth-checks/route-authorization';
import type { TerraformJson } from '@shop/shared-util-terraform-json';
import { synthStage, type SynthesizedStage } from '../testing/synth-stage';

/** The access table (root README, "Who may call what"), written out: what each role may call, and nothing else. */
const EXPECTED_ACCESS: Readonly<Record<Role, readonly string[]>> = {
  customer: ['GET /orders/{orderId}', 'GET /products/{productId}', 'POST /orders'],
  'back-office': ['GET /products/{productId}', 'GET /products/{productId}/replenishments', 'GET /replenishments', 'PUT /products/{productId}'],
  warehouse: [
    'GET /products/{productId}',
    'GET /products/{productId}/replenishments',
    'GET /replenishments',
    'POST /replenishments/{replenishmentId}/cancel',
    'POST /replenishments/{replenishmentId}/receive',
  ],
};

const withOidc: StageConfig = defineStage({
  ...STAGES.prod,
  stage: 'corp',
  auth: { kind: AuthKind.Oidc, issuer: 'https://login.example.com/realms/shop', audience: ['shop-api'] },
});

/** The scopes the synthesized Cognito app client of a role may ever be granted. */
function clientScopes(json: TerraformJson, role: Role): string[] {
  const client = json.resource?.['aws_cognito_user_pool_client']?.[CLIENT_NAMES[role]];
  if (!client) throw new Error(`no app client for ${role}`);
  return client['allowed_oauth_scopes'] as string[];
}

describe('API authorization', () => {
  let dev: SynthesizedStage;
  let corp: SynthesizedStage;
  beforeAll(() => {
    dev = synthStage(STAGES.dev);
    corp = synthStage(withOidc);
  });

  describe('routes', () => {
    it('puts every route behind the JWT authorizer with exactly its contract scope, in every stage', () => {
      expect(routeAuthorizationProblems(dev.json)).toEqual([]);
      expect(routeAuthorizationProblems(corp.json)).toEqual([]);
    });

    it('fails a route without scopes, with another scope, or without the authorizer', () => {
      // Prepare
      const broken = structuredClone(dev.json) as { resource: Record<string, Record<string, Record<string, unknown>>> };
      const routes = broken.resource['aws_apigatewayv2_route'] ?? {};
      delete routes['get_order']?.['authorization_scopes'];
      Object.assign(routes['put_product'] ?? {}, { authorization_scopes: ['shop/catalog.read'] });
      Object.assign(routes['receive_replenishment'] ?? {}, { authorization_type: 'NONE', authorizer_id: undefined });

      // Act
      const problems = routeAuthorizationProblems(broken as TerraformJson);

      // Assess
      expect(problems).toEqual([
        'GET /orders/{orderId}: authorization_scopes [], the contract says [shop/orders.read]',
        'PUT /products/{productId}: authorization_scopes [shop/catalog.read], the contract says [shop/catalog.write]',
        'POST /replenishments/{replenishmentId}/receive: authorization_type is NONE, not JWT',
        'POST /replenishments/{replenishmentId}/receive: no aws_apigatewayv2_authorizer',
      ]);
    });
  });

  describe('JWT authorizer', () => {
    it('trusts the Cognito user pool of the stage and its three app clients, reading the Authorization header', () => {
      expect(dev.text).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
        api_id: '${aws_apigatewayv2_api.orders_api.id}',
        name: 'shop-dev-orders-api-jwt',
        authorizer_type: 'JWT',
        identity_sources: ['$request.header.Authorization'],
        jwt_configuration: {
          issuer: 'https://cognito-idp.us-east-1.amazonaws.com/${aws_cognito_user_pool.shop.id}',
          audience: [
            '${aws_cognito_user_pool_client.storefront.id}',
            '${aws_cognito_user_pool_client.back_office.id}',
            '${aws_cognito_user_pool_client.warehouse.id}',
          ],
        },
      });
    });

    it("trusts a stage's existing OIDC issuer and audience instead, and then creates no user pool", () => {
      expect(corp.text).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
        authorizer_type: 'JWT',
        jwt_configuration: { issuer: 'https://login.example.com/realms/shop', audience: ['shop-api'] },
      });
      expect(Object.keys(corp.json.resource ?? {}).filter((type) => type.startsWith('aws_cognito'))).toEqual([]);
      expect(corp.json.output?.['auth_issuer']?.['value']).toBe('https://login.example.com/realms/shop');
    });
  });

  describe('Cognito user pool', () => {
    it('defines the six contract scopes on the resource server shop', () => {
      expect(dev.text).toHaveResourceWithProperties(CognitoUserPool, { name: 'shop-dev-users', deletion_protection: 'INACTIVE' });
      expect(dev.text).toHaveResourceWithProperties(CognitoResourceServer, {
        identifier: 'shop',
        scope: SCOPES.map((scope) => expect.objectContaining({ scope_name: scopeName(scope) })),
      });
    });

    it('gives customers a public authorization-code client that can never obtain catalog.write or a replenishments scope', () => {
      // Prepare
      const scopes = clientScopes(dev.json, Role.Customer);

      // Assess
      expect(dev.text).toHaveResourceWithProperties(CognitoUserPoolClient, {
        name: 'shop-dev-storefront',
        generate_secret: false,
        allowed_oauth_flows: ['code'],
        access_token_validity: 60,
        refresh_token_validity: 30,
      });
      expect(scopes).not.toContain('shop/catalog.write');
      expect(scopes.filter((scope) => scope.startsWith('shop/replenishments.'))).toEqual([]);
    });

    it.each([Role.BackOffice, Role.Warehouse])('gives the %s system a client-credentials client with a secret', (role) => {
      expect(dev.text).toHaveResourceWithProperties(CognitoUserPoolClient, {
        name: `shop-dev-${role}`,
        generate_secret: true,
        allowed_oauth_flows: ['client_credentials'],
        access_token_validity: 60,
      });
    });

    it('outputs the issuer, the token URL and the client ids, and no client secret', () => {
      // Prepare
      const outputs = dev.json.output ?? {};

      // Assess
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['auth_issuer', 'auth_token_url', 'storefront_client_id', 'back_office_client_id', 'warehouse_client_id']));
      expect(JSON.stringify(outputs)).not.toContain('client_secret');
      expect(outputs['auth_token_url']?.['value']).toBe('https://${aws_cognito_user_pool_domain.shop.domain}.auth.us-east-1.amazoncognito.com/oauth2/token');
    });
  });

  describe('access matrix', () => {
    it.each(Object.values(Role))("lets a %s token past API Gateway on exactly the routes of the access table (the client's scopes against the routes' scopes)", (role) => {
      // Act
      const allowed = routesAllowedFor(dev.json, clientScopes(dev.json, role));

      // Assess
      expect(allowed).toEqual(EXPECTED_ACCESS[role]);
    });

    it('lets no request without a token through', () => {
      expect(routesAllowedFor(dev.json, undefined)).toEqual([]);
    });
  });
});

describe('auth stage settings', () => {
  it('refuses an http issuer, an empty audience and a Cognito domain Cognito would refuse, listing each', () => {
    // Act
    const define = (auth: unknown) => () => defineStage({ ...STAGES.dev, auth } as never);

    // Assess
    expect(define({ kind: 'oidc', issuer: 'http://login.example.com', audience: [] })).toThrow(StageConfigError);
    expect(define({ kind: 'oidc', issuer: 'http://login.example.com', audience: [] })).toThrow(
      ['  - auth.issuer: API Gateway needs an https issuer', '  - auth.audience: Too small: expected array to have >=1 items'].join('\n'),
    );
    expect(define({ ...STAGES.dev.auth, domainPrefix: 'my-cognito-shop' })).toThrow('auth.domainPrefix: Cognito refuses a domain containing aws, amazon or cognito');
    expect(define({ ...STAGES.dev.auth, storefront: { callbackUrls: ['http://shop.example.com/cb'] } })).toThrow('must be https (or http://localhost)');
  });
});
