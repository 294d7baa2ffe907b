import type { Socket } from 'node:net';
import type { HttpRequest } from '../http/request-parser';
import { ResponseFramer } from '../http/response-framer';
import type { IamProxyLogger } from '../logger';
import type { UpstreamConnection, UpstreamPool } from '../upstream-pool';

/** Relays the request's exact bytes and the response's exact bytes; calls `done` once the response has been relayed. */
export type UpstreamRelay = (request: HttpRequest, client: Socket, done: () => void) => void;

/**
 * The relaying half of the proxy: writes a request's bytes, unchanged (SigV4 signatures stay
 * intact), on a pooled connection to DynamoDB Local and streams the response's bytes back to the
 * client as they arrive, reading only their framing to know when the connection is free again.
 *
 * @example
 * const relay = createUpstreamRelay({ pool, logger, target: 'http://127.0.0.1:8000' });
 * relay(request, client, () => serveNext());
 */
export function createUpstreamRelay(options: { readonly pool: UpstreamPool; readonly logger: IamProxyLogger; readonly target: string }): UpstreamRelay {
  const { pool, logger } = options;
  return (request, client, done) => {
    pool.acquire((connection: UpstreamConnection) => {
      const framer = new ResponseFramer(request.method);
      let relayed = false;
      connection.exchange = {
        data(chunk) {
          let end: number;
          try {
            end = framer.push(chunk);
          } catch (error) {
            logger.error('local-iam: unreadable response from DynamoDB Local', { error: (error as Error).message });
            connection.socket.destroy();
            return;
          }
          relayed = true;
          const part = end < 0 || end === chunk.length ? chunk : chunk.subarray(0, end);
          if (!client.destroyed && !client.write(part)) {
            connection.socket.pause();
            client.once('drain', () => connection.socket.resume());
          }
          if (end < 0) return;
          pool.release(connection, request.keepAlive && !framer.closeAfter && end === chunk.length);
          done();
        },
        closed(error) {
          if (framer.delimitedByClose) {
            client.end();
            return;
          }
          // DynamoDB Local unreachable or gone mid-response: the caller sees the connection fail, as it would without the proxy.
          logger.error(`local-iam: cannot reach DynamoDB Local at ${options.target}`, { error: error?.message ?? (relayed ? 'connection closed mid-response' : 'connection closed') });
          client.destroy();
        },
      };
      connection.socket.write(request.raw);
    });
  };
}
