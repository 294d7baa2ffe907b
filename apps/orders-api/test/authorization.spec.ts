import { ERROR_STATUS, ErrorCode, Role, ROLE_SCOPES, ROUTES, routeKey, type Route } from '@shop/orders-api-contract';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpEvent, jsonBody, type TestCaller } from './support/http-event';
import { productBody, startTestApi, type TestApi } from './support/api';

const asRole = (role: Role, sub = `${role}-1`): TestCaller => ({ sub, scopes: ROLE_SCOPES[role] });
const alice: TestCaller = { sub: 'alice', scopes: ROLE_SCOPES.customer };
const bob: TestCaller = { sub: 'bob', scopes: ROLE_SCOPES.customer };

/** A concrete request for each route, with a body where the route takes one. */
const requestOf = (route: Route): { path: string; body?: unknown } => {
  switch (route.operationId) {
    case 'putProduct':
      return { path: '/products/p%23matrix', body: productBody() };
    case 'placeOrder':
      return { path: '/orders', body: { productId: 'p#matrix', quantity: 1 } };
    default:
      return { path: route.path.replace(/\{\w+\}/g, 'p%23matrix') };
  }
};

/** The function checks each route's scope again, and owns orders by the token's sub. */
describe('orders API: authorization', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  describe('defense in depth', () => {
    it('answers 401 UNAUTHORIZED in the error envelope when no verified token reached the function, and writes nothing', async () => {
      // Act
      const response = await api.call('PUT', '/products/p%23open', { body: productBody(), caller: null });

      // Assess
      expect(response.statusCode).toBe(ERROR_STATUS.UNAUTHORIZED);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(jsonBody(response)).toEqual({ error: { code: ErrorCode.Unauthorized, message: expect.stringContaining('Authorization: Bearer') } });
      expect((await api.call('GET', '/products/p%23open')).statusCode).toBe(404);
    });

    it('answers 401 when the claims carry no subject', async () => {
      expect((await api.call('GET', '/products/p%23x', { caller: { sub: '', scopes: ROLE_SCOPES.customer } })).statusCode).toBe(401);
    });

    it("answers 403 FORBIDDEN naming the missing scope when a customer's token reaches a back-office route, writes nothing and warns", async () => {
      // Prepare
      const warn = jest.spyOn(api.recording.observability.logger, 'warn');

      // Act
      const response = await api.call('PUT', '/products/p%23guarded', { body: productBody(), caller: alice });

      // Assess
      expect(response.statusCode).toBe(ERROR_STATUS.FORBIDDEN);
      expect(response.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="shop/catalog.write"');
      expect(jsonBody(response)).toEqual({ error: { code: ErrorCode.Forbidden, message: 'The token lacks the scope shop/catalog.write this operation requires' } });
      expect((await api.call('GET', '/products/p%23guarded')).statusCode).toBe(404);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("403 FORBIDDEN by the function's own check: is the route's JWT authorizer configured?"));
      warn.mockRestore();
    });

    it('reads scopes from an scp claim too, in the [a b] form API Gateway gives array claims', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23scp', { body: productBody() });
      const event = httpEvent('GET', '/products/p%23scp', { caller: null });
      const authorizer = { jwt: { claims: { sub: 'warehouse-2', scp: '[shop/catalog.read shop/replenishments.read]' }, scopes: null } };

      // Act
      const response = await api.handler({ ...event, requestContext: { ...event.requestContext, authorizer } } as APIGatewayProxyEventV2);

      // Assess
      expect(response.statusCode).toBe(200);
    });

    it.each(ROUTES.flatMap((route) => Object.values(Role).map((role) => [routeKey(route), role, route] as const)))(
      '%s as %s is refused with 403 exactly when the role lacks the scope',
      async (_key, role, route) => {
        // Prepare
        const { path, body } = requestOf(route);
        const allowed = (ROLE_SCOPES[role] as readonly string[]).includes(route.scope);

        // Act
        const response = await api.call(route.method, path, { ...(body !== undefined && { body }), caller: asRole(role) });

        // Assess
        expect(response.statusCode === 403).toBe(!allowed);
      },
    );
  });

  describe('owners', () => {
    it("answers 404 for another owner's order, exactly as for an order that does not exist", async () => {
      // Prepare
      await api.call('PUT', '/products/p%23owned', { body: productBody({ stock: 10 }) });
      const placed = jsonBody(await api.call('POST', '/orders', { body: { productId: 'p#owned', quantity: 1 }, caller: alice }));
      const orderId = String(placed['orderId']);
      const unknownId = '0190b3d2-7c1e-7a3b-9f00-000000000000';

      // Act
      const asAlice = await api.call('GET', `/orders/${orderId}`, { caller: alice });
      const asBob = await api.call('GET', `/orders/${orderId}`, { caller: bob });
      const unknown = await api.call('GET', `/orders/${unknownId}`, { caller: bob });

      // Assess
      expect(asAlice.statusCode).toBe(200);
      expect(jsonBody(asAlice)).toEqual(placed);
      expect(placed['ownerId']).toBe('alice');
      expect(asBob.statusCode).toBe(unknown.statusCode);
      expect(asBob.headers).toEqual({ ...unknown.headers, 'x-correlation-id': expect.any(String) });
      expect(asBob.body).toBe(unknown.body.replace(unknownId, orderId));
    });

    it('places two orders when two owners send the same Idempotency-Key, and replays each to its own', async () => {
      // Prepare
      await api.call('PUT', '/products/p%23shared-key', { body: productBody({ stock: 10 }) });
      const order = (caller: TestCaller) =>
        api.call('POST', '/orders', { body: { productId: 'p#shared-key', quantity: 2 }, headers: { 'idempotency-key': 'checkout-1' }, caller });

      // Act
      const ofAlice = await order(alice);
      const ofBob = await order(bob);
      const aliceAgain = await order(alice);

      // Assess
      expect([ofAlice.statusCode, ofBob.statusCode, aliceAgain.statusCode]).toEqual([201, 201, 200]);
      expect(jsonBody(ofBob)['orderId']).not.toBe(jsonBody(ofAlice)['orderId']);
      expect(jsonBody(aliceAgain)).toEqual(jsonBody(ofAlice));
      expect(jsonBody(await api.call('GET', '/products/p%23shared-key'))['stock']).toBe(6);
    });
  });
});
