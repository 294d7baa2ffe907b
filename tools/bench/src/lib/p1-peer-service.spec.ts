import path from 'node:path';
import type { FunctionDefinition, HttpApiService, HttpApiServiceRoute } from '@shop/tools-local-stack';
import { BenchError } from './errors';
import { serverlessService, serverlessYml } from './p1-peer-service';

const authorizer = {
  address: 'aws_apigatewayv2_authorizer.orders_api',
  name: 'shop-dev-orders-api-jwt',
  identitySource: { in: 'header', name: 'authorization' },
  synthesizedIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_shop',
  audience: ['storefront', 'back_office'],
  inert: [],
} as const;

const route = (routeKey: string, scopes?: string[]): HttpApiServiceRoute => ({
  address: `aws_apigatewayv2_route.${routeKey.replace(/\W/g, '_')}`,
  routeKey,
  integrationUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:shop-dev-orders-api/invocations',
  timeoutMs: 11_000,
  authorization: scopes ? { type: 'JWT', authorizer, scopes } : { type: 'NONE' },
  functionName: 'shop-dev-orders-api',
});

const fn = {
  address: 'aws_lambda_function.orders_api',
  functionName: 'shop-dev-orders-api',
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:shop-dev-orders-api',
  handler: 'main.handler',
  runtime: 'nodejs24.x',
  archivePath: '/synth/assets/orders-api/archive.zip',
  timeoutSeconds: 10,
  memorySizeMb: 512,
  environment: { ORDERS_TABLE_NAME: 'shop-dev-orders', PRODUCTS_TABLE_NAME: 'shop-dev-products' },
  logging: { format: 'JSON' },
  reservedConcurrency: undefined,
  inert: [],
} as FunctionDefinition;

const service = (routes: HttpApiServiceRoute[]): HttpApiService => ({
  region: 'us-east-1',
  api: { address: 'aws_apigatewayv2_api.orders_api', apiId: 'shopdevord', name: 'shop-dev-orders-api', stages: [{ name: '$default', variables: {} }], routes, cors: undefined, inert: [] },
  routes,
  functions: [fn],
  authorizers: routes.some((r) => r.authorization.type === 'JWT') ? [authorizer] : [],
});

const options = { serviceDirectory: '/work/.local/bench-p1-peer/service', bundleDirectories: { 'shop-dev-orders-api': '/work/dist/apps/orders-api' }, host: '127.0.0.1', httpPort: 4010, lambdaPort: 4011 };

describe('serverlessService', () => {
  it('serves each route of the synth with its scopes, the handler inside the built bundle, and the synthesized timeout, memory and environment', () => {
    // Prepare
    const routes = [route('POST /orders', ['shop/orders.write']), route('GET /products/{productId}', ['shop/catalog.read'])];

    // Act
    const yml = serverlessService(service(routes), options);

    // Assess
    expect(yml.functions).toEqual({
      'shop-dev-orders-api': {
        handler: '../../../dist/apps/orders-api/main.handler',
        timeout: 10,
        memorySize: 512,
        environment: { ORDERS_TABLE_NAME: 'shop-dev-orders', PRODUCTS_TABLE_NAME: 'shop-dev-products' },
        events: [
          { httpApi: { method: 'POST', path: '/orders', authorizer: { name: 'shop-dev-orders-api-jwt', scopes: ['shop/orders.write'] } } },
          { httpApi: { method: 'GET', path: '/products/{productId}', authorizer: { name: 'shop-dev-orders-api-jwt', scopes: ['shop/catalog.read'] } } },
        ],
      },
    });
    expect(yml.plugins).toEqual(['serverless-offline']);
    expect(yml.custom['serverless-offline']).toEqual({ host: '127.0.0.1', httpPort: 4010, lambdaPort: 4011 });
    expect(yml.provider).toEqual(expect.objectContaining({ runtime: 'nodejs24.x', region: 'us-east-1' }));
  });

  it("configures the JWT authorizer with the synth's issuer, audience and identity source", () => {
    // Act
    const yml = serverlessService(service([route('POST /orders', ['shop/orders.write'])]), options);

    // Assess
    expect(yml.provider.httpApi?.authorizers).toEqual({
      'shop-dev-orders-api-jwt': { type: 'jwt', identitySource: '$request.header.authorization', issuerUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_shop', audience: ['storefront', 'back_office'] },
    });
  });

  it('writes ANY and $default the way serverless does, and no authorizer on an open route', () => {
    // Act
    const yml = serverlessService(service([route('ANY /health'), route('$default')]), options);

    // Assess
    expect(yml.functions['shop-dev-orders-api']?.events).toEqual([{ httpApi: { method: '*', path: '/health' } }, { httpApi: { method: '*', path: '*' } }]);
    expect(yml.provider.httpApi).toBeUndefined();
  });

  it('refuses a function without a built bundle, and a token read from the query string', () => {
    // Prepare
    const withQueryToken: HttpApiService = { ...service([route('POST /orders', ['s'])]), authorizers: [{ ...authorizer, identitySource: { in: 'querystring', name: 'token' } }] };

    // Act
    const noBundle = (): unknown => serverlessService(service([route('POST /orders')]), { ...options, bundleDirectories: {} });
    const queryToken = (): unknown => serverlessService(withQueryToken, options);

    // Assess
    expect(noBundle).toThrow(BenchError);
    expect(noBundle).toThrow(/no built bundle given for shop-dev-orders-api/);
    expect(queryToken).toThrow(/reads JWTs from a header only/);
  });
});

describe('serverlessYml', () => {
  it('is the service as JSON (which YAML reads) under a header naming the synth', () => {
    // Prepare
    const yml = serverlessService(service([route('POST /orders', ['shop/orders.write'])]), options);

    // Act
    const text = serverlessYml(yml, path.join('infra', 'cdk.tf.json'));

    // Assess
    const [header, ...body] = text.split('\n');
    expect(header).toBe('# Generated by tools/bench (P1) from infra/cdk.tf.json; do not edit.');
    expect(JSON.parse(body.join('\n'))).toEqual(yml);
  });
});
