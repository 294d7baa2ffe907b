/**
 * The published OpenAPI document, read on its own terms (paths, methods, security scopes, parameter
 * schemas, request examples), checked against the real handler on DynamoDB Local: every operation it
 * documents is served under the scope it names, refuses what its schema refuses, and answers only
 * statuses it documents; every method it leaves out of a path is refused with 405.
 */
import { createOpenApiDocument, ERROR_STATUS, ErrorCode, SCOPES } from '@shop/orders-api-contract';
import { httpEvent, jsonBody } from './support/http-event';
import { startTestApi, type TestApi } from './support/api';

interface Schema {
  readonly type?: string;
  readonly maxLength?: number;
  readonly const?: string;
}
interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
  readonly schema: Schema;
}
interface Operation {
  readonly operationId: string;
  readonly security: ReadonlyArray<Record<string, readonly string[]>>;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Record<string, { readonly example?: unknown }> };
  readonly responses: Record<string, unknown>;
}
interface Documented {
  readonly method: string;
  readonly path: string;
  readonly operation: Operation;
  readonly scope: string;
}

const document = createOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const OPERATIONS: Documented[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => {
    const scopes = operation.security.flatMap((requirement) => Object.values(requirement).flat());
    if (scopes.length !== 1) throw new Error(`${method} ${path} documents ${scopes.length} scopes; this check reads exactly one`);
    return { method: method.toUpperCase(), path, operation, scope: scopes[0] as string };
  }),
);
const parametersIn = (op: Operation, where: string): Parameter[] => (op.parameters ?? []).filter((p) => p.in === where);

/** The path with each parameter set to `value(parameter)`, percent-encoded as API Gateway passes it. */
const concretePath = (doc: Documented, value: (parameter: Parameter) => string): string =>
  parametersIn(doc.operation, 'path').reduce((path, p) => path.replace(`{${p.name}}`, encodeURIComponent(value(p))), doc.path);
/** Each required query parameter at its documented constant (or a plain value). */
const validQuery = (op: Operation): Record<string, string> =>
  Object.fromEntries(parametersIn(op, 'query').filter((p) => p.required).map((p) => [p.name, p.schema.const ?? '1']));
const exampleBody = (op: Operation): unknown => op.requestBody?.content['application/json']?.example;

/** A request the document's own schema rejects: a path parameter past its maxLength, else a required query parameter left out, else a JSON body that is not an object. */
function rejectedRequest(doc: Documented): { path: string; query?: Record<string, string>; body?: unknown } {
  const bounded = parametersIn(doc.operation, 'path').find((p) => p.schema.maxLength !== undefined);
  if (bounded) return { path: concretePath(doc, (p) => (p === bounded ? 'x'.repeat((p.schema.maxLength as number) + 1) : 'doc-1')), query: validQuery(doc.operation), body: exampleBody(doc.operation) };
  if (parametersIn(doc.operation, 'query').some((p) => p.required)) return { path: doc.path, body: exampleBody(doc.operation) };
  if (doc.operation.requestBody?.required) return { path: doc.path, body: '[]' };
  throw new Error(`${doc.method} ${doc.path}: the document gives no way to build a request it rejects`);
}

describe('the OpenAPI document against the real handler', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('documents the eight operations, each under one scope of the contract', () => {
    expect(OPERATIONS).toHaveLength(8);
    for (const doc of OPERATIONS) expect(SCOPES).toContain(doc.scope);
  });

  it.each(OPERATIONS.map((doc) => [`${doc.method} ${doc.path}`, doc] as const))('serves %s only under its documented scope', async (_name, doc) => {
    // Prepare: every other scope of the contract, and the documented one alone
    const others = { sub: 'doc-reader', scopes: SCOPES.filter((scope) => scope !== doc.scope) };
    const request = { path: concretePath(doc, () => 'doc-1'), query: validQuery(doc.operation), body: exampleBody(doc.operation) };

    // Act
    const refused = await api.handler(httpEvent(doc.method, request.path, { ...request, caller: others }));
    const served = await api.handler(httpEvent(doc.method, request.path, { ...request, caller: { sub: 'doc-reader', scopes: [doc.scope] } }));

    // Assess: refused by scope, naming the documented one; served with it (a documented status, not a routing or scope refusal)
    expect(refused.statusCode).toBe(ERROR_STATUS.FORBIDDEN);
    expect(refused.headers['www-authenticate']).toContain(`scope="${doc.scope}"`);
    const code = served.statusCode >= 400 ? jsonBody<{ error: { code: string } }>(served).error.code : undefined;
    expect([ErrorCode.RouteNotFound, ErrorCode.MethodNotAllowed, ErrorCode.Forbidden, ErrorCode.ValidationFailed]).not.toContain(code);
    expect(served.statusCode).toBeLessThan(500);
    expect(Object.keys(doc.operation.responses)).toContain(String(served.statusCode));
  });

  it.each(OPERATIONS.map((doc) => [`${doc.method} ${doc.path}`, doc] as const))('refuses with 400 on %s a request its schema rejects', async (_name, doc) => {
    // Prepare
    const request = rejectedRequest(doc);

    // Act
    const response = await api.handler(httpEvent(doc.method, request.path, { ...request, caller: { sub: 'doc-reader', scopes: [doc.scope] } }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(jsonBody<{ error: { code: string } }>(response).error.code).toBe(ErrorCode.ValidationFailed);
    expect(Object.keys(doc.operation.responses)).toContain('400');
  });

  it.each(Object.entries(document.paths))('answers 405 on %s to every method the document does not list, with the documented ones in Allow', async (path, item) => {
    // Prepare
    const documented = Object.keys(item).map((method) => method.toUpperCase());
    const concrete = path.replace(/\{\w+\}/g, 'doc-1');

    // Act
    const responses = await Promise.all(['GET', 'PUT', 'POST', 'DELETE', 'PATCH'].filter((m) => !documented.includes(m)).map((m) => api.call(m, concrete)));

    // Assess
    for (const response of responses) {
      expect(response.statusCode).toBe(405);
      expect(response.headers['allow']?.split(/,\s*/).sort()).toEqual([...documented].sort());
    }
  });
});
