import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a relay is shown of each request: its headers and whole body, before it is forwarded. */
export type RelayedRequest = (headers: NodeJS.Dict<string | string[]>, body: Buffer) => ((statusCode: number) => void) | void;

/** A pass-through HTTP relay on a free loopback port: every request goes to `target` unchanged. */
export interface PassThroughRelay {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts a relay that forwards every request byte for byte to `target` and its answer back,
 * showing each request (headers and body) to `observe` first; what `observe` returns, if anything,
 * is told the upstream status. The benchmarks' capture and counting proxies are this with an
 * observer.
 *
 * @example
 * const relay = await startPassThroughRelay(ddb.endpoint, (headers) => void seen.push(headers['x-amz-target']));
 */
export function startPassThroughRelay(target: string, observe: RelayedRequest): Promise<PassThroughRelay> {
  const upstream = new URL(target);
  return new Promise((resolve, reject) => {
    const server: Server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const answered = observe(incoming.headers, body);
        const forwarded = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
          if (answered) answered(response.statusCode ?? 502);
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        });
        forwarded.on('error', () => outgoing.destroy());
        forwarded.end(body);
      });
    });
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    );
  });
}
