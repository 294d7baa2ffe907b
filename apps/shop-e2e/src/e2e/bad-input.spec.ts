import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { ERROR_STATUS, errorResponseSchema } from '@shop/orders-api-contract';
import { snapshotTables } from '../support/dynamodb';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';
import { malformedRequests, MalformationKind, type MalformedRequest } from '../support/malformed-requests';
import { mapConcurrently } from '@shop/shared-util-async';
import type { ApiResponse } from '../support/shop-api';
import { waitUntil } from '../support/wait';

const REQUESTS = 1200;
const SEED = 20_261_127;

/** What is wrong with an answer to a malformed request, or undefined when it is a proper refusal. */
function problemWith(response: ApiResponse): string | undefined {
  if (response.status < 400 || response.status > 499) return `status ${response.status}`;
  const body = response.body as { error?: unknown; message?: unknown } | string;
  if (typeof body === 'object' && body !== null && 'error' in body) {
    // The function answered: the contract's error shape, with the status the contract gives the code.
    const parsed = errorResponseSchema.safeParse(body);
    if (!parsed.success) return `error body off contract: ${parsed.error.message}`;
    if (ERROR_STATUS[parsed.data.error.code] !== response.status) return `code ${parsed.data.error.code} with status ${response.status}`;
    return undefined;
  }
  // API Gateway answered (no route, too large), or Node refused the headers (431) before routing.
  if (typeof body === 'object' && body !== null && typeof body.message === 'string') return undefined;
  return response.status === 431 ? undefined : `unexpected body ${JSON.stringify(body).slice(0, 200)}`;
}

describe('bad input', () => {
  let stack: E2eStack;
  beforeAll(() => (stack = connectToE2eStack()));
  afterAll(() => stack.close());

  it(`refuses ${REQUESTS} generated malformed requests with a 4xx each, and changes no table`, async () => {
    const { api, endpoints } = stack;
    // Prepare: a product, an order and a replenishment for the requests to aim at
    const productId = `fuzz#${randomUUID()}`;
    await api.putProduct(productId, { stock: 10, reorderThreshold: 3, amountToReplenish: 5 });
    const order = await api.placeOrder({ productId, quantity: 1 });
    const shortProductId = `fuzz-short#${randomUUID()}`;
    await api.putProduct(shortProductId, { stock: 0, reorderThreshold: 1, amountToReplenish: 5 });
    const [replenishment] = await waitUntil(async () => {
      const { items } = await api.listReplenishments(shortProductId);
      return items.length > 0 && items;
    }, 'the target replenishment');
    const requests = malformedRequests({ productId, orderId: order.orderId, replenishmentId: replenishment?.replenishmentId ?? '' }, REQUESTS, SEED);
    await stack.barrier(); // nothing earlier is still on its way through the stream
    const tableNames = Object.values(endpoints.tables);
    const before = await snapshotTables(stack.ddb, tableNames);
    const dlqBefore = readdirSync(endpoints.dlqDirectory);

    // Act
    const responses = await mapConcurrently(requests, 8, (request) => api.raw(request));

    // Assess
    const problems = responses
      .map((response, i) => ({ problem: problemWith(response), request: requests[i] as MalformedRequest, response }))
      .filter((r) => r.problem !== undefined)
      .map(({ problem, request, response }) => `${request.kind} ${request.method} ${request.path.slice(0, 80)} body ${String(request.body).slice(0, 80)} → ${problem}: ${JSON.stringify(response.body).slice(0, 200)}`);
    expect(problems).toEqual([]);
    const kinds = requests.reduce<Record<string, number>>((count, r) => ({ ...count, [r.kind]: (count[r.kind] ?? 0) + 1 }), {});
    expect(Object.keys(kinds).sort()).toEqual(Object.values(MalformationKind).sort());
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    expect(await snapshotTables(stack.ddb, tableNames)).toEqual(before);
    expect(readdirSync(endpoints.dlqDirectory)).toEqual(dlqBefore);
    expect(await api.getProduct(productId)).toMatchObject({ stock: 9 });
  });
});
