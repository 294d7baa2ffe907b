import { createServer, type AddressInfo, type Socket } from 'node:net';
import { assertValidPolicies } from '@shop/shared-util-iam-policy';
import { LOCAL_AWS_ENVIRONMENT, type AwsEnvironment } from '@shop/shared-util-terraform-json';
import { createAuthorizer, type RoleSession } from './authorizer';
import { IamMode } from './constants';
import { consoleLogger, type IamProxyLogger } from './logger';
import { serveClient } from './proxy/client-connection';
import { authorizeInProcess, type InProcessClient } from './proxy/in-process-authorization';
import { newProxyCounters, type IamProxyStats } from './proxy/proxy-stats';
import { createRequestDecider, type IamDecision } from './proxy/request-decision';
import { warnAboutUnsuppliedKeys } from './proxy/unsupplied-condition-keys';
import { createUpstreamRelay } from './proxy/upstream-relay';
import { UpstreamPool } from './upstream-pool';

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
  /** Told every request the proxy decided (not those forwarded unchecked): see `IamDecision`. */
  readonly onDecision?: (decision: IamDecision) => void;
}

export interface IamProxy {
  /** `http://127.0.0.1:PORT`: set it as AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_DYNAMODB_STREAMS. */
  readonly endpoint: string;
  readonly port: number;
  readonly mode: IamMode;
  /** The session every request is evaluated as: `arn:aws:sts::000000000000:assumed-role/ROLE/SESSION`. */
  readonly principalArn: string;
  stats(): IamProxyStats;
  /**
   * Authorizes every request of an SDK client of this process as the endpoint would (the same
   * decisions, logs, counters and AccessDeniedException answers) before it is sent, the allowed
   * ones going straight to the client's own endpoint, which must be the proxy's target: for
   * readers in the proxy's process (the event source mapping), without the relay's second socket.
   */
  authorizeInProcess(client: InProcessClient): void;
  /** Closes the listener and its connections. Safe to call twice. */
  stop(): Promise<void>;
}

const FRAMING_LIMITS = { maxHeadBytes: 64 * 1024, maxBodyBytes: 32 * 1024 * 1024 } as const;
/** Idle upstream connections are not reused after this (DynamoDB Local may be closing them). */
const UPSTREAM_IDLE_MS = 20_000;
const DEFAULT_MAX_UPSTREAM_SOCKETS = 64;

/**
 * Starts a local endpoint in front of DynamoDB Local that authorizes every DynamoDB and DynamoDB
 * Streams request as one role session would be authorized by AWS, then forwards it byte for byte
 * (the exact bytes received: SigV4 signatures stay intact) or answers AccessDeniedException exactly
 * like DynamoDB, logging which statement was missing.
 *
 * It is a thin HTTP/1.1 relay over raw TCP: each client connection is served by `serveClient`,
 * which frames requests (`RequestParser`), decides them (`createRequestDecider`, from a cache of IAM
 * decisions: see `createAuthorizer`) and relays allowed ones unchanged (`createUpstreamRelay`) on a
 * bounded pool of kept-alive connections, the response bytes coming back unchanged as they arrive.
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
  const logger = options.logger ?? consoleLogger;
  const target = new URL(options.target);
  await assertValidPolicies(options);
  const environment = options.environment ?? LOCAL_AWS_ENVIRONMENT;
  const authorizer = createAuthorizer(options, environment, options.decisionCacheSize ? { cacheSize: options.decisionCacheSize } : {});
  const principalArn = authorizer.principalArn;
  const pool = new UpstreamPool({
    host: target.hostname,
    port: Number(target.port || 80),
    maxSockets: options.maxUpstreamSockets ?? DEFAULT_MAX_UPSTREAM_SOCKETS,
    idleTimeoutMs: UPSTREAM_IDLE_MS,
  });
  const counters = newProxyCounters();
  const context = {
    limits: FRAMING_LIMITS,
    decide: createRequestDecider({ mode, environment, authorizer, logger, counters, ...(options.onDecision ? { onDecision: options.onDecision } : {}) }),
    relay: createUpstreamRelay({ pool, logger, target: options.target }),
    logger,
    counters,
  };
  const clients = new Set<Socket>();

  const server = createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    serveClient(client, context);
  });
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
    stats: () => ({ ...counters, evaluations: authorizer.evaluations }),
    authorizeInProcess: (client) => authorizeInProcess(client, context.decide, counters),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of clients) client.destroy();
        pool.destroy();
      })),
  };
}
