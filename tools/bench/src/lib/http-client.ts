import { Agent, request } from 'node:http';

/** An HTTP answer with its body parsed as JSON (undefined when empty). */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A minimal keep-alive JSON client on `node:http`, like the SDK's own handler, so the API and the
 * raw DynamoDB baseline pay the same client-side cost (fetch costs more per request).
 *
 * `headers` go with every request (the stack's bearer token: {@link authorization} of bench-stack.ts).
 *
 * A request sent on a kept-alive connection the server was closing at that moment (its idle
 * timeout) fails with ECONNRESET before the server read it; it is sent once more on a new
 * connection, as Node's documentation of `request.reusedSocket` advises. Any other failure, or a
 * reset on a fresh connection, is the caller's.
 *
 * @example
 * const client = new JsonClient('http://127.0.0.1:3000', 32, await stack.authorization());
 * const { status, body } = await client.send('POST', '/orders', { productId: 'p#1', quantity: 1 });
 */
export class JsonClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    maxSockets: number,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    try {
      return await this.attempt(method, path, payload, headers);
    } catch (error) {
      if (!(error instanceof StaleConnectionError)) throw error;
      return this.attempt(method, path, payload, headers);
    }
  }

  private attempt(method: string, path: string, payload: Buffer | undefined, headers: Record<string, string>): Promise<JsonResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          agent: this.agent,
          headers: { ...this.headers, ...(payload && { 'content-type': 'application/json', 'content-length': String(payload.length) }), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
            } catch {
              resolve({ status: response.statusCode ?? 0, body: text });
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        reject(outgoing.reusedSocket && error.code === 'ECONNRESET' ? new StaleConnectionError(error) : error);
      });
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A kept-alive connection closed by the server as the request went out: the request was never read. */
class StaleConnectionError extends Error {
  constructor(cause: Error) {
    super(`kept-alive connection reset before the request was read: ${cause.message}`, { cause });
    this.name = 'StaleConnectionError';
  }
}
