import type { ReplenishmentOrder } from '@shop/inventory-domain';
import {
  errorResponseSchema,
  productViewSchema,
  replenishmentListSchema,
  settledReplenishmentSchema,
  type ErrorCode,
  type ErrorResponse,
  type ProductView,
  type PutProductBody,
  type ReplenishmentList,
  type SettledReplenishmentResponse,
} from '@shop/orders-api-contract';
import { orderSchema, type Order } from '@shop/orders-domain';
import type { z } from 'zod';
import { ContractViolationError } from './errors';
import { recordExchange } from './response-log';
import type { Caller, Tokens } from './tokens';

/** An HTTP answer: status, headers and the body (parsed JSON when it is JSON, else the text). */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** `METHOD path`, for messages. */
  readonly request: string;
}

export interface RawRequest {
  readonly method: string;
  /** Path and query, already encoded as it should go on the wire (`/products/p%231`). */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

const id = (value: string): string => encodeURIComponent(value);

/**
 * A client of the orders API that checks every answer against the API contract: success bodies
 * with the contract's schemas, errors with `errorResponseSchema` and the status the contract gives
 * their code. A mismatch throws {@link ContractViolationError}. Every request carries the bearer
 * token of its caller (unless it sets `authorization` itself); {@link as} switches callers.
 *
 * @example
 * const api = new ShopApi(stack.endpoints.apiUrl, tokens, OPERATOR);
 * await api.putProduct('p#1', { stock: 5, reorderThreshold: 2, amountToReplenish: 10 });
 * const order = await api.placeOrder({ productId: 'p#1', quantity: 1 });
 */
export class ShopApi {
  private authorization: Promise<Record<string, string>> | undefined;

  /** Without `tokens` and `caller`, requests carry no token. */
  constructor(
    readonly apiUrl: string,
    private readonly tokens?: Tokens,
    readonly caller?: Caller,
  ) {}

  /** The same API as another caller (`undefined`: no token at all). */
  as(caller: Caller | undefined): ShopApi {
    return new ShopApi(this.apiUrl, this.tokens, caller);
  }

  /**
   * Sends what it is given, with the caller's token unless the request sets `authorization`. No
   * check here: every answer is recorded and checked against the OpenAPI document after the test
   * file (support/conformance-setup.ts).
   */
  async raw(request: RawRequest): Promise<ApiResponse> {
    const own = Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
    const authorization = own || !this.tokens || !this.caller ? {} : await (this.authorization ??= this.tokens.bearer(this.caller));
    const send = () =>
      fetch(`${this.apiUrl}${request.path}`, {
        method: request.method,
        headers: { ...authorization, ...request.headers },
        ...(request.body !== undefined && { body: request.body }),
      });
    // A kept-alive socket the server closed while this process was blocked (a spawnSync, say) fails
    // the next request before it is sent: a read is safe to send once more on a new socket.
    const response = await send().catch((error: unknown) => {
      if (request.method === 'GET' && isClosedSocket(error)) return send();
      throw error;
    });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    recordExchange({ method: request.method, path: request.path, status: response.status, headers: response.headers, body });
    return { status: response.status, headers: response.headers, body, request: `${request.method} ${request.path}` };
  }

  async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    return this.raw({
      method,
      path,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }

  async putProduct(productId: string, product: PutProductBody): Promise<ProductView> {
    return expectBody(await this.json('PUT', `/products/${id(productId)}`, product), 200, productViewSchema);
  }

  async getProduct(productId: string): Promise<ProductView> {
    return expectBody(await this.json('GET', `/products/${id(productId)}`), 200, productViewSchema);
  }

  /** POST /orders, any outcome: check it with {@link expectBody} or {@link expectError}. */
  async order(body: { productId: string; quantity: number }, idempotencyKey?: string): Promise<ApiResponse> {
    return this.json('POST', '/orders', body, idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey });
  }

  /** Places an order that must be accepted (201). */
  async placeOrder(body: { productId: string; quantity: number }, idempotencyKey?: string): Promise<Order> {
    return expectBody(await this.order(body, idempotencyKey), 201, orderSchema);
  }

  async getOrder(orderId: string): Promise<ApiResponse> {
    return this.json('GET', `/orders/${id(orderId)}`);
  }

  /** Every replenishment order of the product, newest first: all pages of the listing, read in turn. */
  async listReplenishments(productId: string): Promise<ReplenishmentList> {
    return { items: await this.allPages(`/products/${id(productId)}/replenishments?limit=100`) };
  }

  /** Every PENDING replenishment order of every product, oldest first (all pages). */
  async listPending(): Promise<readonly ReplenishmentOrder[]> {
    return this.allPages('/replenishments?status=PENDING&limit=100');
  }

  private async allPages(path: string): Promise<ReplenishmentOrder[]> {
    const items: ReplenishmentOrder[] = [];
    let nextToken: string | undefined;
    do {
      const page = expectBody(await this.json('GET', nextToken === undefined ? path : `${path}&nextToken=${id(nextToken)}`), 200, replenishmentListSchema);
      items.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return items;
  }

  async cancel(replenishmentId: string): Promise<ApiResponse> {
    return this.json('POST', `/replenishments/${id(replenishmentId)}/cancel`);
  }

  async cancelReplenishment(replenishmentId: string): Promise<SettledReplenishmentResponse> {
    return expectBody(await this.cancel(replenishmentId), 200, settledReplenishmentSchema);
  }

  async receive(replenishmentId: string): Promise<ApiResponse> {
    return this.json('POST', `/replenishments/${id(replenishmentId)}/receive`);
  }

  async receiveReplenishment(replenishmentId: string): Promise<SettledReplenishmentResponse> {
    return expectBody(await this.receive(replenishmentId), 200, settledReplenishmentSchema);
  }
}

/** undici's "other side closed": the server ended a kept-alive connection before the request went out. */
function isClosedSocket(error: unknown): boolean {
  const cause = error instanceof TypeError ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code === 'UND_ERR_SOCKET';
}

/** The body of a response that must have `status`, validated by `schema`. */
export function expectBody<T>(response: ApiResponse, status: number, schema: z.ZodType<T>): T {
  if (response.status !== status) throw new ContractViolationError(response.request, response.status, response.body, `expected ${status}`);
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw new ContractViolationError(response.request, response.status, response.body, `body does not match the contract: ${parsed.error.message}`);
  return parsed.data;
}

/** The error body of a response that must be `status` with error `code` (`{"error":{"code","message",…}}`). */
export function expectError(response: ApiResponse, status: number, code: ErrorCode): ErrorResponse['error'] {
  const { error } = expectBody(response, status, errorResponseSchema);
  if (error.code !== code) throw new ContractViolationError(response.request, response.status, response.body, `expected error code ${code}`);
  return error;
}
