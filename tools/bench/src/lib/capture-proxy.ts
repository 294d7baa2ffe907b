import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of DynamoDB Local that keeps the body of every request whose
 * `X-Amz-Target` names `operation` (e.g. `TransactWriteItems`): how the benchmark learns the exact
 * request the orders API sends, instead of writing its own version of it.
 *
 * @example
 * const proxy = await CaptureProxy.start(ddb.endpoint, 'TransactWriteItems');
 * // run a stack with --dynamodb-endpoint proxy.endpoint, place one order
 * const [transaction] = proxy.captured;
 */
export class CaptureProxy {
  readonly captured: unknown[] = [];

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static start(target: string, operation: string): Promise<CaptureProxy> {
    const upstream = new URL(target);
    return new Promise((resolve, reject) => {
      let proxy: CaptureProxy | undefined;
      const server = createServer((incoming, outgoing) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const body = Buffer.concat(chunks);
          if (String(incoming.headers['x-amz-target'] ?? '').endsWith(`.${operation}`)) proxy?.captured.push(JSON.parse(body.toString('utf8')));
          const forwarded = request(
            { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
            (response) => {
              outgoing.writeHead(response.statusCode ?? 502, response.headers);
              response.pipe(outgoing);
            },
          );
          forwarded.on('error', () => outgoing.destroy());
          forwarded.end(body);
        });
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        proxy = new CaptureProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        resolve(proxy);
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
