import { createServer, request as httpRequest, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { createAuthorizer, type RoleSession } from './authorizer';
import { accessDeniedResponse, unsupportedOperationResponse, type AwsJsonErrorResponse } from './aws-error-response';
import { IamMode, SUPPLIED_CONDITION_KEYS } from './constants';
import { MalformedRequestError, UnsupportedOperationError } from './errors';
import { consoleLogger, type IamProxyLogger } from './logger';
import { mapDynamoDbRequest } from './operation-mapping';

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
  /** Operations without a mapping (refused in enforce, forwarded in warn). */
  readonly unsupported: number;
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

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Starts a local endpoint in front of DynamoDB Local that authorizes every DynamoDB and DynamoDB
 * Streams request as one role session would be authorized by AWS, then forwards it byte for byte
 * (SigV4 signatures stay intact) or answers AccessDeniedException exactly like DynamoDB, logging
 * which statement was missing.
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
  const authorizer = createAuthorizer(options, env);
  const principalArn = authorizer.principalArn;
  const agent = new Agent({ keepAlive: true });
  const stats = { requests: 0, allowed: 0, denied: 0, warned: 0, unchecked: 0, unsupported: 0 };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const upstream = httpRequest(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.statusMessage, response.rawHeaders);
        response.pipe(res);
      },
    );
    // DynamoDB Local unreachable: the caller sees the connection fail, as it would without the proxy.
    upstream.on('error', (error) => {
      logger.error(`local-iam: cannot reach DynamoDB Local at ${options.target}`, { error: error.message });
      res.destroy(error);
    });
    upstream.end(body);
  };

  const answer = (res: ServerResponse, response: AwsJsonErrorResponse): void => {
    res.writeHead(response.statusCode, response.headers);
    res.end(response.body);
  };

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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    stats.requests++;
    const targetHeader = req.headers['x-amz-target'];
    if (mode === IamMode.Off || typeof targetHeader !== 'string') {
      stats.unchecked++;
      return forward(req, res, body);
    }
    try {
      const operation = mapDynamoDbRequest(targetHeader, parseJson(body, req.headers['content-encoding']), env);
      const result = await authorizer.authorize(operation);
      if (result.allowed || !result.denial) {
        stats.allowed++;
        return forward(req, res, body);
      }
      logDenial(result.denial, operation.operation, mode === IamMode.Warn);
      if (mode === IamMode.Warn) {
        stats.warned++;
        return forward(req, res, body);
      }
      stats.denied++;
      return answer(res, accessDeniedResponse(accessDeniedMessage(result.denial)));
    } catch (error) {
      if (error instanceof MalformedRequestError || error instanceof SyntaxError) {
        stats.unchecked++;
        return forward(req, res, body);
      }
      if (!(error instanceof UnsupportedOperationError)) throw error;
      stats.unsupported++;
      logger.warn(`local-iam: ${error.message}`, { mode, target: targetHeader, principal: principalArn });
      return mode === IamMode.Warn ? forward(req, res, body) : answer(res, unsupportedOperationResponse(error.message));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('local-iam: request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(error instanceof PayloadTooLargeError ? 413 : 500);
      res.end();
    });
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
    stats: () => ({ ...stats }),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      })),
  };
}

class PayloadTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
