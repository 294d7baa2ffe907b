import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { UnsecuredJWT } from 'jose';
import { startFixtureStack, type FixtureStack } from '../../testing/stack-harness';
import { fixtureDocument } from '../../testing/terraform-fixtures';
import { readHttpApis, registerHttpApiAttributes } from '../http/api-definition';
import { readStackFile } from '../stack/stack-file';
import { ReferenceResolver } from '../terraform/reference-resolver';
import { AuthMode } from './auth-mode';
import { registerIdentityProviderAttributes } from './identity-provider-attributes';
import { LOCAL_DEVELOPER_SUBJECT } from './unverified-context';

const ROUTES = ['GET /orders/{orderId}', 'POST /orders', 'GET /health'];
const jwtAuthorizer = { audience: ['storefront-client', 'warehouse-client'], routeScopes: { 'GET /orders/{orderId}': ['shop/orders.read'], 'POST /orders': ['shop/orders.write'] } };

describe('the local JWT authorizer', () => {
  let running: FixtureStack;
  let apiUrl: string;
  beforeAll(async () => {
    running = await startFixtureStack({ apiRoutes: ROUTES, jwtAuthorizer });
    apiUrl = running.stack.apiUrl as string;
  });
  afterAll(() => running.stop());

  const mint = (scopes: string[], audience = 'storefront-client'): Promise<string> =>
    (running.stack.issuer as NonNullable<FixtureStack['stack']['issuer']>).sign({ subject: 'alice', scopes, audience, expiresInSeconds: 60 });

  it('answers 401 like API Gateway, before the function runs, when the token is missing or not the issuer\'s', async () => {
    // Act
    const missing = await fetch(`${apiUrl}/orders/o-1`);
    const garbage = await fetch(`${apiUrl}/orders/o-1`, { headers: { authorization: 'Bearer garbage' } });

    // Assess
    expect([missing.status, await missing.json()]).toEqual([401, { message: 'Unauthorized' }]);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer scope="" error="invalid_token" error_description="the request has no token"');
    expect(missing.headers.get('apigw-requestid')).toBeTruthy();
    expect([garbage.status, await garbage.json()]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it('answers 403 to a valid token without the route\'s scope', async () => {
    // Act
    const response = await fetch(`${apiUrl}/orders/o-1`, { headers: { authorization: `Bearer ${await mint(['shop/orders.write'])}` } });

    // Assess
    expect([response.status, await response.json()]).toEqual([403, { message: 'Forbidden' }]);
  });

  it('passes the verified claims and the token\'s scopes to the function in requestContext.authorizer.jwt', async () => {
    // Act
    const response = await fetch(`${apiUrl}/orders/o-1`, { headers: { authorization: `Bearer ${await mint(['shop/orders.read', 'shop/catalog.read'])}` } });
    const event = (await response.json()) as APIGatewayProxyEventV2WithJWTAuthorizer;

    // Assess
    expect(response.status).toBe(200);
    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: expect.objectContaining({ sub: 'alice', aud: 'storefront-client', iss: apiUrl, scope: 'shop/orders.read shop/catalog.read', token_use: 'access', exp: expect.stringMatching(/^\d+$/) }),
        scopes: ['shop/orders.read', 'shop/catalog.read'],
      },
    });
  });

  it('accepts a token of any of the authorizer\'s audiences on a route without scopes, with null scopes', async () => {
    // Act
    const response = await fetch(`${apiUrl}/health`, { headers: { authorization: `Bearer ${await mint([], 'warehouse-client')}` } });
    const event = (await response.json()) as APIGatewayProxyEventV2WithJWTAuthorizer;

    // Assess
    expect(response.status).toBe(200);
    expect(event.requestContext.authorizer.jwt.scopes).toBeNull();
  });

  it('serves the issuer\'s OIDC discovery document and keys, and names them in stack.json', async () => {
    // Act
    const discovery = (await (await fetch(`${apiUrl}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<Record<string, string>> };
    const stackFile = readStackFile(running.stateDirectory);

    // Assess
    expect(discovery.issuer).toBe(apiUrl);
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(stackFile.auth).toEqual({ mode: 'jwt', issuer: apiUrl, audience: jwtAuthorizer.audience, scopes: ['shop/orders.read', 'shop/orders.write'], signingKeyFile: expect.any(String) });
    expect(statSync(stackFile.auth?.signingKeyFile as string).mode & 0o077).toBe(0);
  });
});

describe('the local JWT authorizer with --auth off', () => {
  it('lets a request without a token through as the local developer, and passes a token\'s claims on unverified', async () => {
    // Prepare
    const running = await startFixtureStack({ apiRoutes: ROUTES, jwtAuthorizer, authMode: AuthMode.Off });

    try {
      // Act
      const response = await fetch(`${running.stack.apiUrl}/orders/o-1`);
      const event = (await response.json()) as APIGatewayProxyEventV2WithJWTAuthorizer;
      const unsigned = new UnsecuredJWT({ sub: 'alice', scope: 'shop/catalog.read' }).encode();
      const withToken = (await (await fetch(`${running.stack.apiUrl}/orders/o-1`, { headers: { authorization: `Bearer ${unsigned}` } })).json()) as APIGatewayProxyEventV2WithJWTAuthorizer;

      // Assess
      expect(response.status).toBe(200);
      expect(event.requestContext.authorizer.jwt).toEqual({ claims: expect.objectContaining({ sub: LOCAL_DEVELOPER_SUBJECT }), scopes: ['shop/orders.read'] });
      expect(withToken.requestContext.authorizer.jwt).toEqual({ claims: { sub: 'alice', scope: 'shop/catalog.read' }, scopes: ['shop/catalog.read'] });
      expect(readStackFile(running.stateDirectory).auth?.mode).toBe('off');
    } finally {
      await running.stop();
    }
  });
});

describe('the issuer\'s signing key', () => {
  it('is made anew on each start, and kept across restarts with a persist directory', async () => {
    // Prepare
    const persistDirectory = mkdtempSync(path.join(tmpdir(), 'issuer-persist-'));
    const keyOf = async (options: { persistDirectory?: string }): Promise<string> => {
      const running = await startFixtureStack({ apiRoutes: ROUTES, jwtAuthorizer, ...options });
      try {
        return readFileSync(readStackFile(running.stateDirectory).auth?.signingKeyFile as string, 'utf8');
      } finally {
        await running.stop();
      }
    };

    // Act
    const [fresh1, fresh2] = [await keyOf({}), await keyOf({})];
    const [kept1, kept2] = [await keyOf({ persistDirectory }), await keyOf({ persistDirectory })];

    // Assess
    expect(fresh1).not.toBe(fresh2);
    expect(kept1).toBe(kept2);
  });
});

describe('reading authorizers from the synth', () => {
  const api = { http: { name: 'api', protocol_type: 'HTTP' } };
  const stage = { s: { api_id: '${aws_apigatewayv2_api.http.id}', name: '$default' } };
  const integration = { i: { api_id: '${aws_apigatewayv2_api.http.id}', integration_type: 'AWS_PROXY', integration_uri: 'arn:aws:lambda:us-east-1:000000000000:function:f', payload_format_version: '2.0' } };
  const read = (authorizer: Record<string, unknown>, route: Record<string, unknown>): unknown => {
    const synth = fixtureDocument({
      aws_cognito_user_pool: { shop: { name: 'shop-dev-users' } },
      aws_cognito_user_pool_client: { storefront: { name: 'shop-dev-storefront', user_pool_id: '${aws_cognito_user_pool.shop.id}' }, warehouse: { name: 'shop-dev-warehouse' } },
      aws_apigatewayv2_api: api,
      aws_apigatewayv2_stage: stage,
      aws_apigatewayv2_integration: integration,
      aws_apigatewayv2_authorizer: { a: { api_id: '${aws_apigatewayv2_api.http.id}', name: 'a', ...authorizer } },
      aws_apigatewayv2_route: { r: { api_id: '${aws_apigatewayv2_api.http.id}', route_key: 'GET /x', target: 'integrations/${aws_apigatewayv2_integration.i.id}', ...route } },
    });
    const resolver = new ReferenceResolver();
    registerHttpApiAttributes(synth, resolver, 'us-east-1', 'http://127.0.0.1:1');
    registerIdentityProviderAttributes(synth, resolver, 'us-east-1');
    return readHttpApis(synth, resolver);
  };
  const jwt = { authorizer_type: 'JWT', identity_sources: ['$request.header.Authorization'], jwt_configuration: { issuer: 'https://issuer.example', audience: ['aud'] } };
  const jwtRoute = { authorization_type: 'JWT', authorizer_id: '${aws_apigatewayv2_authorizer.a.id}', authorization_scopes: ['s'] };

  it('reads a route\'s authorizer and scopes', () => {
    // Act
    const [definition] = read(jwt, jwtRoute) as Array<{ routes: Array<{ authorization: unknown }> }>;

    // Assess
    expect(definition?.routes[0]?.authorization).toMatchObject({ type: 'JWT', scopes: ['s'], authorizer: { audience: ['aud'], synthesizedIssuer: 'https://issuer.example', identitySource: { in: 'header', name: 'authorization' } } });
  });

  it('resolves a Cognito issuer and client audiences to local ids', () => {
    // Prepare
    const cognito = {
      ...jwt,
      jwt_configuration: {
        issuer: 'https://cognito-idp.us-east-1.amazonaws.com/${aws_cognito_user_pool.shop.id}',
        audience: ['${aws_cognito_user_pool_client.storefront.id}', '${aws_cognito_user_pool_client.warehouse.id}'],
      },
    };

    // Act
    const [definition] = read(cognito, jwtRoute) as Array<{ routes: Array<{ authorization: unknown }> }>;

    // Assess
    expect(definition?.routes[0]?.authorization).toMatchObject({
      authorizer: { audience: ['storefront', 'warehouse'], synthesizedIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_shop' },
    });
  });

  it.each([
    ['a Lambda authorizer', { ...jwt, authorizer_type: 'REQUEST' }, jwtRoute, 'only JWT authorizers are emulated'],
    ['an authorizer without audience', { ...jwt, jwt_configuration: { issuer: 'https://issuer.example', audience: [] } }, jwtRoute, 'must name at least one audience'],
    ['two identity sources', { ...jwt, identity_sources: ['$request.header.A', '$request.header.B'] }, jwtRoute, 'exactly one identity source'],
    ['an identity source in a context variable', { ...jwt, identity_sources: ['$context.identity.sourceIp'] }, jwtRoute, 'reads one header or query parameter'],
    ['IAM authorization', jwt, { authorization_type: 'AWS_IAM' }, 'AWS_IAM authorization is not emulated'],
    ['scopes without JWT', jwt, { authorization_scopes: ['s'] }, 'need authorization_type JWT'],
    ['an unknown authorizer id', jwt, { ...jwtRoute, authorizer_id: 'nope' }, 'is not a JWT authorizer of the synth'],
  ])('refuses %s at start-up', (_case, authorizer, route, message) => {
    // Act & Assess
    expect(() => read(authorizer, route)).toThrow(message);
  });
});
