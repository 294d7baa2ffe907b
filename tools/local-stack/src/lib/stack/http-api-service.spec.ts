import { writeFixtureStack } from '../../testing/stack-fixtures';
import { temporaryStackDirectory, uniquePrefix } from '../../testing/terraform-fixtures';
import { InvalidResourceError } from '../errors';
import { readHttpApiService } from './http-api-service';

describe('readHttpApiService', () => {
  it('reads the routes, the functions they invoke (environment resolved) and the JWT authorizer (issuer and audience resolved), starting nothing', () => {
    // Prepare
    const prefix = uniquePrefix();
    const synthPath = writeFixtureStack({
      prefix,
      stackDirectory: temporaryStackDirectory(),
      apiRoutes: ['POST /orders', 'GET /products/{productId}'],
      jwtAuthorizer: { audience: ['storefront', 'back_office'], routeScopes: { 'POST /orders': ['shop/orders.write'] } },
    });

    // Act
    const service = readHttpApiService(synthPath);

    // Assess
    expect(service.region).toBe('us-east-1');
    expect(service.routes.map((route) => [route.routeKey, route.functionName])).toEqual([
      ['POST /orders', `${prefix}-echo`],
      ['GET /products/{productId}', `${prefix}-echo`],
    ]);
    expect(service.functions.map((fn) => [fn.functionName, fn.handler, fn.environment])).toEqual([[`${prefix}-echo`, 'main.handler', { PRODUCTS_TABLE_NAME: `${prefix}-products` }]]);
    expect(service.authorizers).toEqual([
      expect.objectContaining({ synthesizedIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_fixture', audience: ['storefront', 'back_office'], identitySource: { in: 'header', name: 'authorization' } }),
    ]);
    const orders = service.routes.find((route) => route.routeKey === 'POST /orders');
    expect(orders?.authorization).toEqual(expect.objectContaining({ type: 'JWT', scopes: ['shop/orders.write'] }));
  });

  it('refuses a synth without an HTTP API', () => {
    // Prepare
    const synthPath = writeFixtureStack({ prefix: uniquePrefix(), stackDirectory: temporaryStackDirectory() });

    // Act
    const read = (): unknown => readHttpApiService(synthPath);

    // Assess
    expect(read).toThrow(InvalidResourceError);
    expect(read).toThrow(/no aws_apigatewayv2_api/);
  });
});
