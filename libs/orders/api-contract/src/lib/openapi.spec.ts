import * as z from 'zod';
import { ERROR_STATUS, ErrorCode } from './error-codes';
import { createOpenApiDocument, type JsonSchema } from './openapi';
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
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceOrderRequest' } } },
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
    expect(Object.keys(placeOrder?.responses ?? {})).toEqual(['200', '201', '400', '404', '409', '413', '415', '422', '500', '503']);
    expect(getProduct?.responses['404']?.['description']).toBe(`Error codes: ${ErrorCode.ProductNotFound}`);
    expect(getProduct?.responses).not.toHaveProperty('415');
  });

  it('is deterministic and adds a server only when asked', () => {
    expect(JSON.stringify(createOpenApiDocument())).toBe(JSON.stringify(createOpenApiDocument()));
    expect(createOpenApiDocument()).not.toHaveProperty('servers');
    expect(createOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }).servers).toEqual([{ url: 'http://127.0.0.1:3000' }]);
  });
});
