import { createOpenApiDocument, ROUTES, routeKey, type HttpMethod } from '@shop/orders-api-contract';
import { Router } from './http/router';
import { OPERATION_HANDLERS } from './operations';

describe('router and OpenAPI document', () => {
  it('list the same routes', () => {
    // Prepare: the router exactly as createHandler builds it
    const router = new Router(ROUTES.map((route) => ({ route, target: route.operationId })));
    const document = createOpenApiDocument();

    // Act
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => routeKey({ method: method.toUpperCase() as HttpMethod, path })),
    );

    // Assess
    expect([...router.routeKeys()].sort()).toEqual(documented.sort());
  });

  it('have a handler for every operation the document names', () => {
    const documentedOperations = Object.values(createOpenApiDocument().paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(Object.keys(OPERATION_HANDLERS).sort()).toEqual(documentedOperations.sort());
  });
});
