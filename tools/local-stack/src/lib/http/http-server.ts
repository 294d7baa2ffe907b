import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizeJwt, type JwtAuthorizerContext, type TrustedIssuer } from '../auth/jwt-authorizer';
import { unverifiedContext } from '../auth/unverified-context';
import type { FunctionInvoker, InvocationResult } from '../lambda/invocation';
import type { Logger } from '../logging/logger';
import type { HttpApiDefinition } from './api-definition';
import { corsHeaders, isPreflight } from './cors';
import { proxyEventV2 } from './proxy-event';
import { GatewayResponses, MalformedProxyResponseError, toHttpResponse, type HttpResponse } from './proxy-response';
import { RouteMatcher } from './route-matcher';

/** An HTTP API ready to serve: its definition and the function behind each integration URI. */
export interface ServedApi {
  readonly definition: HttpApiDefinition;
  readonly functionFor: (integrationUri: string) => FunctionInvoker;
  /**
   * What the stack serves itself on a GET no route claims (`/openapi.json`, `/docs`, the issuer's
   * `/.well-known/*`), by path below the stage; undefined for anything else (404).
   */
  readonly localResource?: (path: string) => HttpResponse | undefined;
  /** Who signs the tokens JWT routes accept; undefined with `--auth off` (nothing verified). */
  readonly issuer: TrustedIssuer | undefined;
}

/** API Gateway's limit on a request payload. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/**
 * The local API Gateway: a Node HTTP server that routes each request like an HTTP API (stage
 * prefix, most specific route, CORS when configured) and invokes the route's function with a
 * payload format 2.0 event. It listens first (so the URL is known while the synth is read) and
 * answers 503 until {@link serve} gives it the API.
 *
 * @example
 * const server = await LocalHttpServer.listen({ host: '127.0.0.1', port: 3000, logger });
 * server.serve({ definition, functionFor });
 */
export class LocalHttpServer {
  private api: { served: ServedApi; router: RouteMatcher } | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Listens on `host:port` (port 0 picks a free one). */
  static listen(options: { host: string; port: number; logger: Logger }): Promise<LocalHttpServer> {
    return new Promise((resolve, reject) => {
      let instance: LocalHttpServer | undefined;
      const server = createServer((request, response) => void instance?.handle(request, response));
      server.keepAliveTimeout = 5_000;
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        const { port } = server.address() as AddressInfo;
        instance = new LocalHttpServer(server, `http://${options.host}:${port}`, options.logger);
        resolve(instance);
      });
    });
  }

  serve(served: ServedApi): void {
    this.api = { served, router: new RouteMatcher(served.definition.routes) };
  }

  /** Stops accepting requests and closes idle connections. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const receivedAt = new Date();
    const [pathPart = '/', query = ''] = (request.url ?? '/').split(/\?(.*)/s);
    let outcome: { response: HttpResponse; routeKey?: string; requestId?: string };
    try {
      const body = await readBody(request);
      outcome = body === undefined ? { response: GatewayResponses.payloadTooLarge() } : await this.route(request, pathPart, query, body, receivedAt);
    } catch (error) {
      this.logger.error('request failed', { error: (error as Error).message });
      outcome = { response: GatewayResponses.internalError() };
    }
    const { statusCode, headers, body } = outcome.response;
    response.writeHead(statusCode, { ...headers, 'content-length': String(body.length), ...(outcome.requestId && { 'apigw-requestid': outcome.requestId }) });
    response.end(body);
    if (this.logger.enabled?.('info') !== false) this.logger.info(`${request.method} ${request.url} → ${statusCode}`, { route: outcome.routeKey, ms: Date.now() - started });
  }

  private async route(request: IncomingMessage, rawPath: string, rawQueryString: string, body: Buffer, receivedAt: Date): Promise<{ response: HttpResponse; routeKey?: string; requestId?: string }> {
    if (!this.api) return { response: GatewayResponses.serviceUnavailable() };
    const { served, router } = this.api;
    const { definition } = served;
    const stage = definition.stages.find((s) => s.name !== '$default' && (rawPath === `/${s.name}` || rawPath.startsWith(`/${s.name}/`)));
    const stageName = stage?.name ?? (definition.stages.some((s) => s.name === '$default') ? '$default' : undefined);
    if (stageName === undefined) return { response: GatewayResponses.notFound() };
    const path = stage ? rawPath.slice(stage.name.length + 1) || '/' : rawPath;
    const method = (request.method ?? 'GET').toUpperCase();
    // Only CORS reads them: not built per request when the API has no CORS configuration.
    const lowerHeaders = definition.cors ? Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')])) : {};

    if (definition.cors && isPreflight(method, lowerHeaders)) {
      return { response: { statusCode: 204, headers: corsHeaders(definition.cors, lowerHeaders, true), body: Buffer.alloc(0) } };
    }
    const match = router.match(method, path);
    if (!match) {
      const local = method === 'GET' || method === 'HEAD' ? served.localResource?.(path) : undefined;
      return { response: local ?? GatewayResponses.notFound() };
    }
    const unauthorizedEvent = proxyEventV2(
      { method, rawPath: path, rawQueryString, rawHeaders: request.rawHeaders, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1', protocol: `HTTP/${request.httpVersion}`, receivedAt },
      { apiId: definition.apiId, stage: stageName, routeKey: match.route.routeKey, pathParameters: match.pathParameters, stageVariables: (stage ?? definition.stages.find((s) => s.name === stageName))?.variables ?? {} },
    );
    const routeKey = match.route.routeKey;
    const requestId = unauthorizedEvent.requestContext.requestId;
    const authorization = match.route.authorization;
    let jwt: JwtAuthorizerContext | undefined;
    if (authorization.type === 'JWT') {
      const carrier = { headers: unauthorizedEvent.headers as Record<string, string | undefined>, rawQueryString };
      if (!served.issuer) jwt = unverifiedContext(carrier, authorization);
      else {
        const verdict = await authorizeJwt(carrier, authorization, served.issuer);
        if (!verdict.allowed) {
          this.logger.info(`${routeKey}: ${verdict.status === 401 ? 'unauthorized' : 'forbidden'}: ${verdict.description}`, { route: routeKey });
          return { response: verdict.status === 401 ? GatewayResponses.unauthorized(verdict.description) : GatewayResponses.forbidden(), routeKey, requestId };
        }
        jwt = verdict.context;
      }
    }
    // As API Gateway writes it for a JWT authorizer: requestContext.authorizer.jwt.{claims,scopes}.
    const event = jwt ? { ...unauthorizedEvent, requestContext: { ...unauthorizedEvent.requestContext, authorizer: { jwt } } } : unauthorizedEvent;
    const result = await withTimeout(served.functionFor(match.route.integrationUri).invoke(event), match.route.timeoutMs);
    const cors = definition.cors ? corsHeaders(definition.cors, lowerHeaders, false) : {};
    if (result === 'timeout') {
      this.logger.error('integration timed out', { route: routeKey, timeoutMs: match.route.timeoutMs });
      return { response: GatewayResponses.serviceUnavailable(), routeKey, requestId };
    }
    if (!result.ok) {
      this.logger.error('function failed', { route: routeKey, error: `${result.error.errorType}: ${result.error.errorMessage}` });
      return { response: GatewayResponses.internalError(), routeKey, requestId };
    }
    try {
      const response = toHttpResponse(result.payload);
      return { response: { ...response, headers: { ...response.headers, ...cors } }, routeKey, requestId };
    } catch (error) {
      if (!(error instanceof MalformedProxyResponseError)) throw error;
      this.logger.error(error.message, { route: routeKey });
      return { response: GatewayResponses.internalError(), routeKey, requestId };
    }
  }
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function withTimeout(invocation: Promise<InvocationResult>, timeoutMs: number): Promise<InvocationResult | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  return Promise.race([invocation, timeout]).finally(() => clearTimeout(timer));
}
