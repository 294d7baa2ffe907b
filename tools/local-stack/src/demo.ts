/**
 * `npm run demo`: tells the reorder policy's story against the running local stack, step by step.
 * A product with stock 51, reorder threshold 50 and lots of 30 sells 2 (position 49: one lot is
 * ordered), then 40 more (position 39: a second lot, although the stock was already below the
 * threshold). The first delivery arrives but is too small to lift the stock to the threshold — the
 * position counts what is still coming, so nothing more is ordered. The second delivery is
 * cancelled: the position drops and the consumer orders again. Every response is checked against
 * the API contract. A fresh product id per run keeps runs independent. Each step sends the token of
 * the role that would make it (back office, customer, warehouse: the contract's ROLE_SCOPES),
 * signed by the running stack's local issuer.
 *
 *   npm run demo -- [--state-dir .local] [--api-url URL] [--timeout-ms 20000]
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { productViewSchema, replenishmentListSchema, Role, ROLE_SCOPES, settledReplenishmentSchema, type ReplenishmentList } from '@shop/orders-api-contract';
import type { z } from 'zod';
import { LocalIssuer } from './lib/auth/local-issuer';
import type { StackFileAuth } from './lib/auth/api-authorization';
import { readStackFile } from './lib/stack/stack-file';

const POLICY = { stock: 51, reorderThreshold: 50, amountToReplenish: 30 } as const;

class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'state-dir': { type: 'string', default: '.local' }, 'api-url': { type: 'string' }, 'timeout-ms': { type: 'string', default: '20000' } } });
  const stackFile = readStackFile(path.resolve(process.cwd(), values['state-dir'] as string));
  const apiUrl = values['api-url'] ?? stackFile.apiUrl;
  if (!apiUrl) throw new DemoError('The running stack serves no HTTP API.');
  const as = await roleHeaders(stackFile.auth);
  const timeoutMs = Number(values['timeout-ms']);
  const productId = `p#demo-${randomUUID().slice(0, 8)}`;
  const product = `${apiUrl}/products/${encodeURIComponent(productId)}`;
  const replenishment = (id: string, action: 'receive' | 'cancel') => `${apiUrl}/replenishments/${encodeURIComponent(id)}/${action}`;
  const known = new Set<string>();
  /** The next replenishment order the consumer writes (it runs asynchronously, on the stream). */
  const nextOrder = async (): Promise<ReplenishmentList['items'][number]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = parse(replenishmentListSchema, await call('GET', `${product}/replenishments`, undefined, as[Role.Warehouse], false), 'GET replenishments');
      const fresh = list.items.find((item) => !known.has(item.replenishmentId));
      if (fresh) {
        known.add(fresh.replenishmentId);
        show(fresh, 'replenishment order');
        return fresh;
      }
      if (Date.now() > deadline) throw new DemoError(`No replenishment order appeared within ${timeoutMs} ms: is the consumer failing? See the stack's log.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const position = async (label: string) => {
    const view = parse(productViewSchema, await call('GET', product, undefined, as[Role.BackOffice]), 'GET product');
    show(view, label);
    return view;
  };
  const order = async (quantity: number) => show(await call('POST', `${apiUrl}/orders`, { productId, quantity }, { ...as[Role.Customer], 'Idempotency-Key': randomUUID() }));
  console.log(`Reordering on the inventory position (stock + on order), against ${apiUrl}`);

  step(1, `Create ${productId}: stock ${POLICY.stock}, reorder threshold ${POLICY.reorderThreshold}, lots of ${POLICY.amountToReplenish}`);
  show(parse(productViewSchema, await call('PUT', product, POLICY, as[Role.BackOffice]), 'PUT product'));

  step(2, 'Sell 2: stock 49, position 49 < 50 → the consumer orders one lot of 30 (position 79)');
  await order(2);
  const first = await nextOrder();
  await position('product now');

  step(3, 'Sell 40: stock 9, position 39 < 50 → one more lot (stock was already below the threshold: an edge rule would stay silent)');
  await order(40);
  const second = await nextOrder();
  await position('product now');

  step(4, 'What is on its way, across products: GET /replenishments?status=PENDING');
  const pending = parse(replenishmentListSchema, await call('GET', `${apiUrl}/replenishments?status=PENDING&limit=5`, undefined, as[Role.Warehouse], false), 'GET pending');
  console.log(`   ${pending.items.length} open order(s) on the first page, oldest first${pending.nextToken ? ' (more: pass nextToken)' : ''}`);

  step(5, 'The first delivery arrives: stock 39, still below 50 — a delivery too small for the shelf, but 30 more are on order (position 69): nothing new is ordered');
  show(parse(settledReplenishmentSchema, await call('POST', replenishment(first.replenishmentId, 'receive'), undefined, as[Role.Warehouse]), 'POST receive'));

  step(6, 'The second delivery will not come: cancel it. Position 39 < 50 → the consumer orders a replacement');
  show(parse(settledReplenishmentSchema, await call('POST', replenishment(second.replenishmentId, 'cancel'), undefined, as[Role.Warehouse]), 'POST cancel'));
  const replacement = await nextOrder();

  step(7, 'The replacement arrives');
  show(parse(settledReplenishmentSchema, await call('POST', replenishment(replacement.replenishmentId, 'receive'), undefined, as[Role.Warehouse]), 'POST receive'));
  const final = await position('product now');
  const expected = POLICY.stock - 2 - 40 + 2 * POLICY.amountToReplenish;
  if (final.stock !== expected || final.onOrder !== 0) throw new DemoError(`Expected stock ${expected} with nothing on order, found ${JSON.stringify(final)}`);
  console.log(`
Stock ${final.stock}, nothing on order: ${POLICY.stock} - 42 sold + 2 lots received. Three orders in all, each one needed when made.`);
}

/** An Authorization header per role, with the role's scopes; none when the API has no authorizer. */
async function roleHeaders(auth: StackFileAuth | undefined): Promise<Record<Role, Record<string, string>>> {
  const issuer = auth && LocalIssuer.load(auth.issuer, auth.signingKeyFile);
  const headers = async (role: Role): Promise<Record<string, string>> => {
    if (!auth || !issuer) return {};
    const token = await issuer.sign({ subject: `demo-${role}`, scopes: ROLE_SCOPES[role], audience: auth.audience[0] as string, expiresInSeconds: 600 });
    return { authorization: `Bearer ${token}` };
  };
  return { [Role.Customer]: await headers(Role.Customer), [Role.BackOffice]: await headers(Role.BackOffice), [Role.Warehouse]: await headers(Role.Warehouse) };
}

function step(n: number, text: string): void {
  console.log(`\n${n}. ${text}`);
}

function show(value: unknown, label = 'response'): void {
  console.log(`   ${label}: ${JSON.stringify(value)}`);
}

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, echo = true): Promise<unknown> {
  if (echo) console.log(`   ${method} ${url}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new DemoError(`${method} ${url} failed (${(error as Error).message}); is the stack running (npm start)?`);
  }
  const text = await response.text();
  if (!response.ok) throw new DemoError(`${method} ${url} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new DemoError(`${what} does not match the API contract: ${result.error.message}`);
  return result.data;
}

main().catch((error: unknown) => {
  console.error(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
