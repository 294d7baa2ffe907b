import * as z from 'zod';
import { ERROR_STATUS, ErrorCode } from './error-codes';
import { createOpenApiDocument, SECURITY_SCHEME, type JsonSchema } from './openapi';
import { OPERATIONS } from './operations';
import { routeKey, ROUTES } from './routes';
import { NAMED_SCHEMAS, placeOrderBodySchema } from './schemas';

const documentRouteKeys = (document = createOpenApiDocument()): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => routeKey({ method: method.toUpperCase() as 'GET', path })));

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
  }
  return [];
}

describe('createOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document with exactly the routes of ROUTES', () => {
    // Act
    const document = createOpenApiDocument();

    // Assess
    expect(document.openapi).toBe('3.1.0');
    expect(documentRouteKeys(document).sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    }
  });

  it('resolves every $ref to a component schema', () => {
    // Act
    const document = createOpenApiDocument();

    // Assess
    const refs = new Set(refsIn(document));
    expect(refs.size).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas).toHaveProperty(ref.replace('#/components/schemas/', ''));
    }
  });

  it('derives schemas from the zod schemas the router validates with', () => {
    // Prepare
    const document = createOpenApiDocument();
    const { $schema: _ignored, ...expected } = z.toJSONSchema(placeOrderBodySchema, { target: 'draft-2020-12' }) as JsonSchema;

    // Assess
    expect(document.components.schemas['PlaceOrderRequest']).toEqual(expected);
    expect(document.paths['/orders']?.['post']?.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceOrderRequest' }, example: { productId: 'p#1234', quantity: 2 } } },
    });
    expect(Object.keys(document.components.schemas).sort()).toEqual(Object.keys(NAMED_SCHEMAS).sort());
  });

  it('documents path parameters, the Idempotency-Key header and each error status', () => {
    // Act
    const document = createOpenApiDocument();
    const placeOrder = document.paths['/orders']?.['post'];
    const getProduct = document.paths['/products/{productId}']?.['get'];

    // Assess
    expect(getProduct?.parameters).toEqual([expect.objectContaining({ name: 'productId', in: 'path', required: true })]);
    expect(placeOrder?.parameters).toEqual([
      expect.objectContaining({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: expect.stringContaining('same key with the same body'),
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      }),
    ]);
    for (const code of OPERATIONS.placeOrder.errors) {
      expect(placeOrder?.responses[String(ERROR_STATUS[code])]?.['description']).toContain(code);
    }
    expect(Object.keys(placeOrder?.responses ?? {})).toEqual(['200', '201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '500', '503']);
    expect(getProduct?.responses['404']?.['description']).toContain(`The function: ${ErrorCode.ProductNotFound} in the \`Error\` envelope.`);
    expect(getProduct?.responses).not.toHaveProperty('415');
  });

  it("documents API Gateway's own answers as GatewayError beside the function's Error, where both can answer", () => {
    // Act
    const document = createOpenApiDocument();
    const getProduct = document.paths['/products/{productId}']?.['get'];
    const placeOrder = document.paths['/orders']?.['post'];
    const schemaAt = (operation: typeof getProduct, status: string): unknown =>
      (operation?.responses[status]?.['content'] as Record<string, { schema: unknown }>)['application/json']?.schema;
    const either = { oneOf: [{ $ref: '#/components/schemas/Error' }, { $ref: '#/components/schemas/GatewayError' }] };

    // Assess
    for (const status of ['401', '403', '404', '500', '503']) expect(schemaAt(getProduct, status)).toEqual(either);
    expect(schemaAt(getProduct, '413')).toEqual({ $ref: '#/components/schemas/GatewayError' });
    expect(schemaAt(getProduct, '429')).toEqual({ $ref: '#/components/schemas/GatewayError' });
    expect(getProduct?.responses['413']?.['description']).toContain('takes no body and ignores one');
    expect(schemaAt(placeOrder, '413')).toEqual(either);
    expect(schemaAt(placeOrder, '404')).toEqual({ $ref: '#/components/schemas/Error' });
  });

  it('declares the headers the API sends', () => {
    // Act
    const placeOrder = createOpenApiDocument().paths['/orders']?.['post'];
    const headersOf = (status: string): string[] => Object.keys((placeOrder?.responses[status]?.['headers'] ?? {}) as object);

    // Assess
    expect(headersOf('201')).toEqual(['x-correlation-id', 'Location']);
    expect(headersOf('200')).toEqual(['x-correlation-id', 'Location', 'Idempotent-Replayed']);
    expect(headersOf('503')).toEqual(['x-correlation-id', 'Retry-After']);
    expect(headersOf('403')).toEqual(['x-correlation-id', 'WWW-Authenticate']);
    expect(headersOf('429')).toEqual([]);
  });

  it('requires each operation\'s contract scope under the bearer JWT scheme, and tags it by the scope', () => {
    // Act
    const document = createOpenApiDocument();

    // Assess
    expect(document.components.securitySchemes[SECURITY_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const route of ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.security).toEqual([{ [SECURITY_SCHEME]: [route.scope] }]);
      expect(operation?.tags).toEqual([route.scope.slice('shop/'.length).split('.')[0]]);
    }
    expect(document.tags.map((tag) => tag.name)).toEqual(['catalog', 'orders', 'replenishments']);
  });

  it('is deterministic, with a server variable unless a server is given', () => {
    expect(JSON.stringify(createOpenApiDocument())).toBe(JSON.stringify(createOpenApiDocument()));
    expect(createOpenApiDocument().servers).toEqual([expect.objectContaining({ url: '{apiUrl}' })]);
    expect(createOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }).servers).toEqual([{ url: 'http://127.0.0.1:3000' }]);
  });
});
