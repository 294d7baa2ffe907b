import { startFixtureStack, type FixtureStack } from '../../testing/stack-harness';

describe('the interactive docs at /docs', () => {
  let running: FixtureStack;
  let apiUrl: string;
  beforeAll(async () => {
    running = await startFixtureStack({ apiRoutes: ['GET /products/{productId}'], openApiDocument: (url) => ({ openapi: '3.1.0', servers: [{ url }] }) });
    apiUrl = running.stack.apiUrl as string;
  });
  afterAll(() => running.stop());

  it('redirects /docs to /docs/ and serves Swagger UI from the local swagger-ui-dist, on the local document', async () => {
    // Act
    const redirect = await fetch(`${apiUrl}/docs`, { redirect: 'manual' });
    const page = await fetch(`${apiUrl}/docs/`);
    const html = await page.text();
    const initializer = await (await fetch(`${apiUrl}/docs/swagger-initializer.js`)).text();
    const bundle = await fetch(`${apiUrl}/docs/swagger-ui-bundle.js`);
    const css = await fetch(`${apiUrl}/docs/swagger-ui.css`);

    // Assess
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/docs/']);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html).toContain('<script src="./swagger-ui-bundle.js"');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    expect(initializer).toContain('"url":"/openapi.json"');
    expect(initializer).toContain('"persistAuthorization":true');
    expect([bundle.status, bundle.headers.get('content-type'), (await bundle.arrayBuffer()).byteLength > 100_000]).toEqual([200, 'text/javascript; charset=utf-8', true]);
    expect(css.status).toBe(200);
  });

  it('serves nothing else of the package, nor anything outside it', async () => {
    // Act
    const statuses = await Promise.all(['/docs/package.json', '/docs/../package.json', '/docs/%2e%2e/package.json', '/docs/swagger-ui.js.map'].map(async (p) => (await fetch(`${apiUrl}${p}`)).status));

    // Assess
    expect(statuses).toEqual([404, 404, 404, 404]);
  });
});
