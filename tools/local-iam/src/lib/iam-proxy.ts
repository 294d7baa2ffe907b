import { STATUS_CODES } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import {
  accessDeniedMessage,
  assertValidPolicies,
  conditionKeysUsed,
  describeStatement,
  explainDenial,
  LOCAL_AWS_ENVIRONMENT,
  type AwsEnvironment,
  type PolicyEvaluation,
} from '@shop/shared-util-iam-policy';
import { createAuthorizer, type RequestAuthorization, type RoleSession } from './authorizer';
import { accessDeniedResponse, unparseableRequestResponse, unsupportedOperationResponse, type AwsJsonErrorResponse } from './aws-error-response';
import { IamMode, SUPPLIED_CONDITION_KEYS } from './constants';
import { MalformedRequestError, UnsupportedOperationError } from './errors';
import { HttpFramingError, RequestParser, ResponseFramer, type HttpRequest } from './http-framing';
import { consoleLogger, type IamProxyLogger } from './logger';
import { mapDynamoDbRequest, type MappedOperation } from './operation-mapping';
import { UpstreamPool, type UpstreamConnection } from './upstream-pool';

export interface IamProxyOptions extends RoleSession {
  /** DynamoDB Local's endpoint: `http://127.0.0.1:8000`. */
  readonly target: string;
  /** Default: enforce. */
  readonly mode?: IamMode;
  /** Account and region ARNs are built for. Default: `LOCAL_AWS_ENVIRONMENT` (us-east-1, 000000000000). */
  readonly environment?: AwsEnvironment;
  readonly logger?: IamProxyLogger;
  /** Default 127.0.0.1 */
  readonly host?: string;
  /** Default: a free port. */
  readonly port?: number;
  /** Connections to DynamoDB Local open at most; requests beyond wait for a free one. Default 64. */
  readonly maxUpstreamSockets?: number;
  /** IAM decisions cached (least recently used evicted first). Default 10,000. */
  readonly decisionCacheSize?: number;
}

export interface IamProxyStats {
  readonly requests: number;
  readonly allowed: number;
  /** Answered AccessDeniedException (enforce). */
  readonly denied: number;
  /** Would have been denied; forwarded (warn). */
  readonly warned: number;
  /** Forwarded without a decision: mode off, no X-Amz-Target, or malformed (DynamoDB Local answers those). */
  readonly unchecked: number;
  /** Operations without a mapping, or bodies that are not JSON (refused in enforce, forwarded in warn). */
  readonly unsupported: number;
  /** Policy evaluations run: one per distinct (action, resource, context), the rest are cached. */
  readonly evaluations: number;
}

export interface IamProxy {
  /** `http://127.0.0.1:PORT`: set it as AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_DYNAMODB_STREAMS. */
  readonly endpoint: string;
  readonly port: number;
  readonly mode: IamMode;
  /** The session every request is evaluated as: `arn:aws:sts::000000000000:assumed-role/ROLE/SESSION`. */
  readonly principalArn: string;
  stats(): IamProxyStats;
  /** Closes the listener and its connections. Safe to call twice. */
  stop(): Promise<void>;
}

const FRAMING_LIMITS = { maxHeadBytes: 64 * 1024, maxBodyBytes: 32 * 1024 * 1024 } as const;
/** Node's http server default: an idle client connection is closed after 5 s. */
const CLIENT_KEEP_ALIVE_MS = 5_000;
/** Idle upstream connections are not reused after this (DynamoDB Local may be closing them). */
const UPSTREAM_IDLE_MS = 20_000;
const DEFAULT_MAX_UPSTREAM_SOCKETS = 64;

/** What to do with a request. */
type Outcome = { readonly forward: true } | { readonly forward: false; readonly response: AwsJsonErrorResponse };
const FORWARD: Outcome = { forward: true };

/**
 * Starts a local endpoint in front of DynamoDB Local that authorizes every DynamoDB and DynamoDB
 * Streams request as one role session would be authorized by AWS, then forwards it byte for byte
 * (the exact bytes received: SigV4 signatures stay intact) or answers AccessDeniedException exactly
 * like DynamoDB, logging which statement was missing.
 *
 * It is a thin HTTP/1.1 relay over raw TCP: each request is framed (Content-Length or chunked), its
 * JSON body parsed once for the mapping, and decided from a cache of IAM decisions (exact: see
 * `createAuthorizer`); allowed requests go out unchanged on a bounded pool of kept-alive
 * connections and the response bytes come back unchanged as they arrive.
 *
 * @throws PolicyValidationError when a policy is not valid IAM grammar (at start, not per request)
 * @example
 * const proxy = await startIamProxy({ target: ddb.endpoint, roleArn: role.roleArn, policies: role.policies, sessionName: 'shop-dev-consumer' });
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
 * // ...
 * await proxy.stop();
 */
export async function startIamProxy(options: IamProxyOptions): Promise<IamProxy> {
  const mode = options.mode ?? IamMode.Enforce;
  const env = options.environment ?? LOCAL_AWS_ENVIRONMENT;
  const logger = options.logger ?? consoleLogger;
  const target = new URL(options.target);
  await assertValidPolicies(options);
  const authorizer = createAuthorizer(options, env, options.decisionCacheSize ? { cacheSize: options.decisionCacheSize } : {});
  const principalArn = authorizer.principalArn;
  const pool = new UpstreamPool({
    host: target.hostname,
    port: Number(target.port || 80),
    maxSockets: options.maxUpstreamSockets ?? DEFAULT_MAX_UPSTREAM_SOCKETS,
    idleTimeoutMs: UPSTREAM_IDLE_MS,
  });
  const stats = { requests: 0, allowed: 0, denied: 0, warned: 0, unchecked: 0, unsupported: 0 };
  const clients = new Set<Socket>();

  const logDenial = (denial: PolicyEvaluation, operation: string, forwarded: boolean): void => {
    const verb = forwarded ? 'would deny (warn mode: forwarded)' : 'denied';
    logger.warn(`local-iam ${verb} ${denial.action} on ${denial.resource} for ${principalArn}: ${explainDenial(denial)}`, {
      mode,
      operation,
      principal: principalArn,
      action: denial.action,
      resource: denial.resource,
      decision: denial.decision,
      ...(denial.denyingStatements.length > 0 ? { denyingStatements: denial.denyingStatements.map(describeStatement) } : {}),
      ...(denial.nearMisses.length > 0 ? { nearestStatements: denial.nearMisses.map(describeStatement) } : {}),
    });
  };

  const conclude = (result: RequestAuthorization, operation: MappedOperation): Outcome => {
    if (result.allowed || !result.denial) {
      stats.allowed++;
      return FORWARD;
    }
    logDenial(result.denial, operation.operation, mode === IamMode.Warn);
    if (mode === IamMode.Warn) {
      stats.warned++;
      return FORWARD;
    }
    stats.denied++;
    return { forward: false, response: accessDeniedResponse(accessDeniedMessage(result.denial)) };
  };

  /** Synchronous when the decision is cached (the usual case), a promise when it must be evaluated. */
  const decide = (request: HttpRequest): Outcome | Promise<Outcome> => {
    const targetHeader = request.headers['x-amz-target'];
    if (mode === IamMode.Off || targetHeader === undefined) {
      stats.unchecked++;
      return FORWARD;
    }
    let operation: MappedOperation;
    try {
      operation = mapDynamoDbRequest(targetHeader, parseJson(request.body, request.headers['content-encoding']), env);
    } catch (error) {
      if (error instanceof MalformedRequestError) {
        stats.unchecked++;
        return FORWARD;
      }
      if (error instanceof SyntaxError) {
        // Never forward what could not be authorized: DynamoDB Local reads some bodies JSON.parse refuses.
        stats.unsupported++;
        const message = `local IAM enforcement cannot parse the ${targetHeader} request body as JSON (${error.message}), so it cannot authorize it`;
        logger.warn(`local-iam: ${message}`, { mode, target: targetHeader, principal: principalArn });
        return mode === IamMode.Warn ? FORWARD : { forward: false, response: unparseableRequestResponse(message) };
      }
      if (!(error instanceof UnsupportedOperationError)) throw error;
      stats.unsupported++;
      logger.warn(`local-iam: ${error.message}`, { mode, target: targetHeader, principal: principalArn });
      return mode === IamMode.Warn ? FORWARD : { forward: false, response: unsupportedOperationResponse(error.message) };
    }
    const cached = authorizer.authorizeCached(operation);
    return cached ? conclude(cached, operation) : authorizer.authorize(operation).then((result) => conclude(result, operation));
  };

  /** Relays the request's exact bytes and the response's exact bytes; `done` once the response has been relayed. */
  const forward = (request: HttpRequest, client: Socket, done: () => void): void => {
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

  const respond = (client: Socket, response: AwsJsonErrorResponse, keepAlive: boolean): void => {
    client.write(serializeResponse(response.statusCode, response.headers, response.body, keepAlive));
  };

  const failConnection = (client: Socket, status: number, message: string): void => {
    const body = Buffer.from(message, 'utf8');
    client.end(serializeResponse(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length) }, body, false));
  };

  const onConnection = (client: Socket): void => {
    clients.add(client);
    client.setTimeout(CLIENT_KEEP_ALIVE_MS);
    const parser = new RequestParser(FRAMING_LIMITS);
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
        busy = true;
        stats.requests++;
        const current = request;
        const done = finished(current.keepAlive);
        const apply = (outcome: Outcome): void => {
          if (outcome.forward) return forward(current, client, done);
          respond(client, outcome.response, current.keepAlive);
          done();
        };
        const fail = (error: unknown): void => {
          logger.error('local-iam: request failed', { error: error instanceof Error ? error.message : String(error) });
          failConnection(client, 500, '');
        };
        try {
          const outcome = decide(current);
          if (outcome instanceof Promise) outcome.then(apply).catch(fail);
          else apply(outcome);
        } catch (error) {
          fail(error);
        }
      }
    };

    client.on('data', (chunk: Buffer) => {
      parser.push(chunk);
      if (!busy) next();
      else if (parser.pending > FRAMING_LIMITS.maxHeadBytes + FRAMING_LIMITS.maxBodyBytes) client.pause();
    });
    client.on('end', () => {
      ended = true;
      if (!busy) client.end();
    });
    client.on('timeout', () => {
      if (!busy) client.end();
    });
    client.on('error', () => undefined);
    client.on('close', () => clients.delete(client));
  };

  const server = createServer({ noDelay: true, allowHalfOpen: true }, onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const endpoint = `http://${address}:${port}`;

  logger.info(`local-iam: ${mode} for ${principalArn} on ${endpoint} -> ${options.target}`, { mode, principal: principalArn, endpoint, target: options.target });
  warnAboutUnsuppliedKeys(options, logger);

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    mode,
    principalArn,
    stats: () => ({ ...stats, evaluations: authorizer.evaluations }),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of clients) client.destroy();
        pool.destroy();
      })),
  };
}

/** An HTTP/1.1 response as bytes, with the `Date` and `Connection` headers Node's server adds. */
function serializeResponse(status: number, headers: Readonly<Record<string, string>>, body: Buffer, keepAlive: boolean): Buffer {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
  for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}\r\n`;
  head += `Date: ${new Date().toUTCString()}\r\nConnection: ${keepAlive ? `keep-alive\r\nKeep-Alive: timeout=${CLIENT_KEEP_ALIVE_MS / 1000}` : 'close'}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function parseJson(body: Buffer, encoding: string | undefined): unknown {
  const text = encoding === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
  return JSON.parse(text === '' ? '{}' : text);
}

/**
 * A policy testing a key the proxy does not supply sees it absent, which AWS would not: say so once.
 * Only global (`aws:`) and `dynamodb:` keys matter: another service's keys (`kms:ViaService`) never
 * appear in a DynamoDB request's context, in AWS either.
 */
function warnAboutUnsuppliedKeys(options: IamProxyOptions, logger: IamProxyLogger): void {
  const policies = [...options.policies, ...(options.permissionsBoundary ? [options.permissionsBoundary] : [])];
  for (const use of conditionKeysUsed(policies)) {
    const key = use.key.toLowerCase();
    if (SUPPLIED_CONDITION_KEYS.has(key) || !/^(aws|dynamodb):/.test(key)) continue;
    logger.warn(
      `local-iam: statement ${use.sid ? `"${use.sid}"` : `#${use.index}`} of policy "${use.policyName}" tests ${use.key}, ` +
        'which local IAM enforcement does not supply; locally it is absent, so the outcome may differ from AWS',
      { key: use.key, operator: use.operator, policy: use.policyName },
    );
  }
}
