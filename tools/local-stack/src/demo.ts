/**
 * `npm run demo`: replays the seed story against the running local stack, step by step —
 * product p#1234 with stock 51, reorder threshold 50 and 30 to replenish; an order of 2 takes the
 * stock below the threshold; the replenishment consumer writes one replenishment order; it is
 * received; the stock is back. Every response is checked against the API contract.
 *
 *   npm run demo -- [--state-dir .local] [--api-url URL] [--timeout-ms 20000]
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { settledReplenishmentSchema, replenishmentListSchema } from '@shop/orders-api-contract';
import type { z } from 'zod';
import { readStackFile } from './lib/stack/stack-file';

const STORY = { productId: 'p#1234', stock: 51, reorderThreshold: 50, amountToReplenish: 30, orderQuantity: 2 } as const;

class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'state-dir': { type: 'string', default: '.local' }, 'api-url': { type: 'string' }, 'timeout-ms': { type: 'string', default: '20000' } } });
  const apiUrl = values['api-url'] ?? readStackFile(path.resolve(process.cwd(), values['state-dir'] as string)).apiUrl;
  if (!apiUrl) throw new DemoError('The running stack serves no HTTP API.');
  const timeoutMs = Number(values['timeout-ms']);
  const product = `${apiUrl}/products/${encodeURIComponent(STORY.productId)}`;
  console.log(`Replaying the seed story against ${apiUrl}`);

  step(1, `Create product ${STORY.productId}: stock ${STORY.stock}, reorder threshold ${STORY.reorderThreshold}, replenish ${STORY.amountToReplenish}`);
  const { productId: _id, orderQuantity: _quantity, ...body } = STORY;
  const created = await call('PUT', product, body);
  show(created);
  const before = await call('GET', `${product}/replenishments`);
  const known = new Set(parse(replenishmentListSchema, before, 'GET replenishments').items.map((item) => item.replenishmentId));

  step(2, `Place an order of ${STORY.orderQuantity}: stock ${STORY.stock} → ${STORY.stock - STORY.orderQuantity}, below the threshold of ${STORY.reorderThreshold}`);
  show(await call('POST', `${apiUrl}/orders`, { productId: STORY.productId, quantity: STORY.orderQuantity }, { 'Idempotency-Key': randomUUID() }));
  show(await call('GET', product), 'product now');

  step(3, 'The stream delivers the change; the replenishment consumer writes one replenishment order');
  const deadline = Date.now() + timeoutMs;
  let replenishment: z.infer<typeof replenishmentListSchema>['items'][number] | undefined;
  while (!replenishment) {
    const list = parse(replenishmentListSchema, await call('GET', `${product}/replenishments`), 'GET replenishments');
    replenishment = list.items.find((item) => !known.has(item.replenishmentId));
    if (replenishment) break;
    if (Date.now() > deadline) throw new DemoError(`No replenishment order appeared within ${timeoutMs} ms: is the consumer failing? See the stack's log.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  show(replenishment, 'replenishment');

  step(4, `Receive replenishment ${replenishment.replenishmentId}`);
  const received = parse(settledReplenishmentSchema, await call('POST', `${apiUrl}/replenishments/${encodeURIComponent(replenishment.replenishmentId)}/receive`), 'POST receive');
  show(received);

  step(5, 'The stock is back');
  const final = (await call('GET', product)) as { stock?: number };
  const expected = STORY.stock - STORY.orderQuantity + STORY.amountToReplenish;
  show(final, 'product now');
  if (final.stock !== expected) throw new DemoError(`Expected stock ${expected}, found ${String(final.stock)}`);
  console.log(`\nStock is back: ${STORY.stock} - ${STORY.orderQuantity} ordered + ${STORY.amountToReplenish} received = ${final.stock}.`);
}

function step(n: number, text: string): void {
  console.log(`\n${n}. ${text}`);
}

function show(value: unknown, label = 'response'): void {
  console.log(`   ${label}: ${JSON.stringify(value)}`);
}

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  console.log(`   ${method} ${url}`);
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
