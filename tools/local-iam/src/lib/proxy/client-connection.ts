import type { Socket } from 'node:net';
import { HttpFramingError } from '../http/framing-error';
import { RequestParser, type FramingLimits, type HttpRequest } from '../http/request-parser';
import type { IamProxyLogger } from '../logger';
import { CLIENT_KEEP_ALIVE_MS, failConnection, respond } from './client-responses';
import type { ProxyCounters } from './proxy-stats';
import type { Outcome, RequestDecider } from './request-decision';
import type { UpstreamRelay } from './upstream-relay';

export interface ClientConnectionContext {
  readonly limits: FramingLimits;
  readonly decide: RequestDecider;
  readonly relay: UpstreamRelay;
  readonly logger: IamProxyLogger;
  readonly counters: ProxyCounters;
}

/**
 * Serves one client connection the way Node's HTTP server would: requests are read in order
 * (pipelined ones wait their turn), each is decided then relayed or answered, `Expect:
 * 100-continue` gets its interim answer, and the connection closes when a request or the client
 * asks, after an idle keep-alive period, or on a request that cannot be framed.
 *
 * @example
 * createServer({ noDelay: true, allowHalfOpen: true }, (client) => serveClient(client, context));
 */
export function serveClient(client: Socket, context: ClientConnectionContext): void {
  const { limits, decide, relay, logger, counters } = context;
  client.setTimeout(CLIENT_KEEP_ALIVE_MS);
  const parser = new RequestParser(limits);
  let busy = false;
  /** The client sent FIN: answer what it sent, then close. */
  let ended = false;

  const finished = (keepAlive: boolean) => (): void => {
    busy = false;
    if (!keepAlive) {
      client.end();
      return;
    }
    if (client.isPaused()) client.resume();
    next();
    if (ended && !busy) client.end();
  };

  const serve = (request: HttpRequest): void => {
    busy = true;
    counters.requests++;
    const done = finished(request.keepAlive);
    const apply = (outcome: Outcome): void => {
      if (outcome.forward) return relay(request, client, done);
      respond(client, outcome.response, request.keepAlive);
      done();
    };
    const fail = (error: unknown): void => {
      logger.error('local-iam: request failed', { error: error instanceof Error ? error.message : String(error) });
      failConnection(client, 500, '');
    };
    try {
      const outcome = decide(request);
      if (outcome instanceof Promise) outcome.then(apply).catch(fail);
      else apply(outcome);
    } catch (error) {
      fail(error);
    }
  };

  const next = (): void => {
    while (!busy && !client.destroyed) {
      let request: HttpRequest | undefined;
      try {
        request = parser.next();
      } catch (error) {
        if (!(error instanceof HttpFramingError)) throw error;
        failConnection(client, error.status, error.message);
        return;
      }
      if (!request) {
        if (parser.wantsContinue()) client.write('HTTP/1.1 100 Continue\r\n\r\n');
        return;
      }
      serve(request);
    }
  };

  client.on('data', (chunk: Buffer) => {
    parser.push(chunk);
    if (!busy) next();
    else if (parser.pending > limits.maxHeadBytes + limits.maxBodyBytes) client.pause();
  });
  client.on('end', () => {
    ended = true;
    if (!busy) client.end();
  });
  client.on('timeout', () => {
    if (!busy) client.end();
  });
  client.on('error', () => undefined);
}
