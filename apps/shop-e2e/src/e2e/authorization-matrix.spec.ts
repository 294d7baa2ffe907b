/**
 * Every route × every role (and no token): the access table of the contract, as API Gateway's JWT
 * authorizer enforces it. Routes, their scopes and the roles' scopes all come from
 * @shop/orders-api-contract, so an operation added there joins the matrix by itself (with an
 * unknown id and no body until it gets a sample below).
 */
import { randomUUID } from 'node:crypto';
import { Role, ROLE_SCOPES, ROUTES, type OperationId, type Route } from '@shop/orders-api-contract';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import type { ApiResponse, ShopApi } from '../support/shop-api';

/** The product, order and replenishment ids the samples aim at. */
interface Targets {
  readonly productId: string;
  readonly orderId: string;
}

/** A request an authorized caller makes to an operation, and the status it then gets. */
interface Sample {
  readonly path?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly status: number;
}

const SAMPLES: Partial<Record<OperationId, (targets: Targets) => Sample>> = {
  putProduct: ({ productId }) => ({ path: { productId }, body: { stock: 100, reorderThreshold: 1, amountToReplenish: 5 }, status: 200 }),
  getProduct: ({ productId }) => ({ path: { productId }, status: 200 }),
  listReplenishments: ({ productId }) => ({ path: { productId }, status: 200 }),
  placeOrder: ({ productId }) => ({ body: { productId, quantity: 1 }, status: 201 }),
  // The customer's own order (the matrix's customer placed it).
  getOrder: ({ orderId }) => ({ path: { orderId }, status: 200 }),
  // An unknown replenishment: the function answers, so the authorizer let the call through.
  receiveReplenishment: () => ({ path: { replenishmentId: randomUUID() }, status: 404 }),
};

const CALLERS = [...Object.values(Role), 'no token'] as const;
type MatrixCaller = (typeof CALLERS)[number];

/** What the access table says: 401 without a token, 403 without the route's scope, else through to the function. */
function verdict(route: Route, caller: MatrixCaller): 401 | 403 | 'allowed' {
  if (caller === 'no token') return 401;
  return (ROLE_SCOPES[caller] as readonly string[]).includes(route.scope) ? 'allowed' : 403;
}

function request(api: ShopApi, route: Route, targets: Targets): Promise<ApiResponse> {
  const sample = SAMPLES[route.operationId as OperationId]?.(targets);
  const path = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(sample?.path?.[name] ?? `matrix#${randomUUID()}`));
  return api.json(route.method, path, sample?.body, route.method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {});
}

describe('the access matrix', () => {
  let stack: E2eStack;
  let targets: Targets;
  beforeAll(async () => {
    stack = connectToE2eStack();
    const productId = `matrix#${randomUUID()}`;
    await stack.api.as({ role: Role.BackOffice }).putProduct(productId, { stock: 1000, reorderThreshold: 1, amountToReplenish: 5 });
    const order = await stack.api.as({ role: Role.Customer }).placeOrder({ productId, quantity: 1 }, randomUUID());
    targets = { productId, orderId: order.orderId };
  });
  afterAll(() => stack.close());

  const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => ({ route, caller, expected: verdict(route, caller) })));

  it.each(cases)('answers $route.method $route.path for $caller with $expected', async ({ route, caller, expected }) => {
    // Prepare
    const api = stack.api.as(caller === 'no token' ? undefined : { role: caller });
    const sample = SAMPLES[route.operationId as OperationId]?.(targets);

    // Act
    const response = await request(api, route, targets);

    // Assess: the gateway's own answer, or the function's (the sample's status, or at least not the gateway's refusal)
    if (expected === 401) expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    else if (expected === 403) expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: { message: 'Forbidden' } });
    else if (sample) expect({ status: response.status, body: response.body }).toMatchObject({ status: sample.status });
    else expect([401, 403]).not.toContain(response.status);
  });

  it('covers every route of the contract with every role and without a token, each route allowed to some role', () => {
    // Assess
    expect(cases).toHaveLength(ROUTES.length * CALLERS.length);
    expect(ROUTES.filter((route) => !cases.some((c) => c.route === route && c.expected === 'allowed'))).toEqual([]);
  });
});
