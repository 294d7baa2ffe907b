import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { startFixtureStack, type FixtureStack } from '../../testing/stack-harness';

const ROUTES = ['GET /products/{productId}', 'GET /products/special', 'POST /orders', 'ANY /files/{path+}'];
let running: FixtureStack;
let apiUrl: string;
beforeAll(async () => {
  running = await startFixtureStack({ apiRoutes: ROUTES, openApiDocument: (url) => ({ openapi: '3.1.0', servers: [{ url }] }) });
  apiUrl = running.stack.apiUrl as string;
});
afterAll(() => running.stop());

const echo = async (path: string, init: RequestInit = {}): Promise<{ status: number; event: APIGatewayProxyEventV2; response: Response }> => {
  const response = await fetch(`${apiUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, event: JSON.parse(text) as APIGatewayProxyEventV2, response };
};

/** A GET that sends a header twice (fetch would merge the two lines into one). */
const getWithRepeatedHeader = (path: string): Promise<APIGatewayProxyEventV2> =>
  new Promise((resolve, reject) => {
    const outgoing = request(`${apiUrl}${path}`, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve(JSON.parse(text) as APIGatewayProxyEventV2));
    });
    outgoing.setHeader('X-Custom', ['a', 'b']);
    outgoing.setHeader('Cookie', 'session=1; theme=dark');
    outgoing.setHeader('User-Agent', 'fixture-agent');
    outgoing.on('error', reject).end();
  });

describe('local HTTP API', () => {
  it('builds a payload format 2.0 event like API Gateway\'s', async () => {
    // Act
    const event = await getWithRepeatedHeader('/products/p%231234?x=1&x=2&y=%20z');

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /products/{productId}',
      rawPath: '/products/p%231234',
      rawQueryString: 'x=1&x=2&y=%20z',
      cookies: ['session=1', 'theme=dark'],
      queryStringParameters: { x: '1,2', y: ' z' },
      pathParameters: { productId: 'p#1234' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        http: { method: 'GET', path: '/products/p%231234', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fixture-agent' },
        routeKey: 'GET /products/{productId}',
        stage: '$default',
        requestId: expect.stringMatching(/^[A-Za-z0-9+/]+=$/),
        time: expect.stringMatching(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
    });
    expect(event.headers).toMatchObject({ 'x-custom': 'a,b', 'user-agent': 'fixture-agent', 'x-forwarded-proto': 'http' });
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.headers['cookie']).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
  });

  it('passes text bodies as text and binary bodies as base64', async () => {
    // Act
    const json = await echo('/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"productId":"p#1234","quantity":2}' });
    const binary = await echo('/orders', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 255, 10]) });

    // Assess
    expect(json.event).toMatchObject({ body: '{"productId":"p#1234","quantity":2}', isBase64Encoded: false, routeKey: 'POST /orders' });
    expect(json.event.pathParameters).toBeUndefined();
    expect(binary.event).toMatchObject({ body: 'AP8K', isBase64Encoded: true });
  });

  it('routes to the most specific route, decodes greedy parameters, and answers 404 like API Gateway', async () => {
    // Act
    const literal = await echo('/products/special');
    const greedy = await echo('/files/a%20b/c.txt', { method: 'DELETE' });
    const missing = await fetch(`${apiUrl}/nothing/here`);
    const wrongMethod = await fetch(`${apiUrl}/orders`, { method: 'GET' });

    // Assess
    expect(literal.event.routeKey).toBe('GET /products/special');
    expect(greedy.event).toMatchObject({ routeKey: 'ANY /files/{path+}', pathParameters: { path: 'a b/c.txt' } });
    expect([missing.status, await missing.json()]).toEqual([404, { message: 'Not Found' }]);
    expect(wrongMethod.status).toBe(404);
  });

  it('turns the function\'s response into HTTP as API Gateway does', async () => {
    // Prepare
    const full = { statusCode: 201, headers: { 'X-Answer': '42' }, cookies: ['a=1', 'b=2'], body: Buffer.from('hi').toString('base64'), isBase64Encoded: true };

    // Act
    const fullResponse = await fetch(`${apiUrl}/orders?respond=${encodeURIComponent(JSON.stringify(full))}`, { method: 'POST' });
    const inferred = await fetch(`${apiUrl}/orders?respond=${encodeURIComponent('{"hello":"world"}')}`, { method: 'POST' });
    const failed = await fetch(`${apiUrl}/orders?fail=1`, { method: 'POST' });
    const malformed = await fetch(`${apiUrl}/orders?respond=${encodeURIComponent('{"statusCode":"abc"}')}`, { method: 'POST' });
    const slow = await fetch(`${apiUrl}/orders?sleep=1500`, { method: 'POST' });

    // Assess
    expect([fullResponse.status, await fullResponse.text(), fullResponse.headers.get('x-answer'), fullResponse.headers.getSetCookie()]).toEqual([201, 'hi', '42', ['a=1', 'b=2']]);
    expect(fullResponse.headers.get('apigw-requestid')).toBeTruthy();
    expect([inferred.status, inferred.headers.get('content-type'), await inferred.json()]).toEqual([200, 'application/json', { hello: 'world' }]);
    expect([failed.status, await failed.json()]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(malformed.status).toBe(500);
    expect([slow.status, await slow.json()]).toEqual([503, { message: 'Service Unavailable' }]);
  });

  it('serves the OpenAPI document at /openapi.json with the local URL', async () => {
    // Act
    const response = await fetch(`${apiUrl}/openapi.json`);

    // Assess
    expect(await response.json()).toEqual({ openapi: '3.1.0', servers: [{ url: apiUrl }] });
  });
});
