/**
 * The check every e2e file ends with (support/conformance-setup.ts) catches what it must: an
 * undocumented status, header or body fails the build. Here it is fed answers whose verdict is
 * known; the real answers are checked after each file.
 */
import { createOpenApiDocument } from '@shop/orders-api-contract';
import { OpenApiResponseValidator, type ObservedExchange } from '../support/openapi-responses';

const validator = new OpenApiResponseValidator(createOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }));
const json = (extra: Record<string, string> = {}): Headers => new Headers({ 'content-type': 'application/json', 'content-length': '10', ...extra });
const product = { productId: 'p#1', stock: 5, reorderThreshold: 1, amountToReplenish: 2, onOrder: 0, inventoryPosition: 5 };
const exchange = (overrides: Partial<ObservedExchange>): ObservedExchange => ({ method: 'GET', path: '/products/p%231', status: 200, headers: json(), body: product, ...overrides });

describe('the OpenAPI conformance check', () => {
  it('finds nothing to say about a documented answer, nor about API Gateway\'s 404 for an unknown route', () => {
    // Act & Assess
    expect(validator.problems(exchange({}))).toEqual([]);
    expect(validator.problems(exchange({ method: 'DELETE', status: 404, body: { message: 'Not Found' } }))).toEqual([]);
  });

  it.each([
    ['an undocumented status', exchange({ status: 418 }), 'status 418 is not documented'],
    ['a body off its schema', exchange({ body: { ...product, stock: 'many' } }), 'body does not match get /products/{productId} 200'],
    ['an undeclared header', exchange({ headers: json({ 'x-debug': '1' }) }), 'header x-debug is sent but get /products/{productId} 200 does not declare it'],
    ['an undocumented content type', exchange({ headers: new Headers({ 'content-type': 'text/plain' }), body: 'hi' }), 'content type "text/plain" is not documented'],
    ['an answer on a route the document lacks', exchange({ method: 'DELETE', status: 200 }), 'DELETE /products/p%231 is not an operation of the document'],
  ])('reports %s', (_case, observed, problem) => {
    // Act
    const problems = validator.problems(observed);

    // Assess
    expect(problems.join('\n')).toContain(problem);
  });
});
