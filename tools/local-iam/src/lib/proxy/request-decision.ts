import { gunzipSync } from 'node:zlib';
import { accessDeniedMessage, describeStatement, explainDenial, type PolicyEvaluation } from '@shop/shared-util-iam-policy';
import type { AwsEnvironment } from '@shop/shared-util-terraform-json';
import type { Authorizer, RequestAuthorization } from '../authorizer';
import { accessDeniedResponse, unparseableRequestResponse, unsupportedOperationResponse, type AwsJsonErrorResponse } from '../aws-error-response';
import { IamMode } from '../constants';
import { MalformedRequestError, UnsupportedOperationError } from '../errors';
import type { HttpRequest } from '../http/request-parser';
import type { IamProxyLogger } from '../logger';
import { mapDynamoDbRequest, type MappedOperation } from '../operation-mapping';
import type { ProxyCounters } from './proxy-stats';

/** What to do with a request: forward its bytes, or answer it here. */
export type Outcome = { readonly forward: true } | { readonly forward: false; readonly response: AwsJsonErrorResponse };
const FORWARD: Outcome = { forward: true };

export interface RequestDeciderOptions {
  readonly mode: IamMode;
  readonly environment: AwsEnvironment;
  readonly authorizer: Authorizer;
  readonly logger: IamProxyLogger;
  readonly counters: ProxyCounters;
  /** Told every decided request (allowed or not), after the decision: e.g. to record which calls a role makes. */
  readonly onDecision?: (decision: IamDecision) => void;
}

/** One decided request: the operation, the (action, resource, context) pairs it needed, and whether they were all allowed. */
export interface IamDecision {
  readonly operation: MappedOperation;
  readonly allowed: boolean;
}

/** What a decision reads of a request: its (lower-cased) headers and its body. */
export type DecidedRequest = Pick<HttpRequest, 'headers' | 'body'>;

/** Decides one request; synchronous when the decision is cached (the usual case), a promise when it must be evaluated. */
export type RequestDecider = (request: DecidedRequest) => Outcome | Promise<Outcome>;

/**
 * The authorizing half of the proxy: maps a request to the IAM actions and resources AWS would
 * check, asks the authorizer, counts and logs the outcome. In warn mode a denial is logged and
 * forwarded; what cannot be mapped or parsed is refused in enforce mode, since it cannot be
 * authorized.
 *
 * @example
 * const decide = createRequestDecider({ mode: IamMode.Enforce, environment, authorizer, logger, counters });
 * const outcome = await decide(request);
 * if (!outcome.forward) answer(outcome.response);
 */
export function createRequestDecider(options: RequestDeciderOptions): RequestDecider {
  const { mode, environment, authorizer, logger, counters, onDecision } = options;
  const principal = authorizer.principalArn;

  const logDenial = (denial: PolicyEvaluation, operation: string, forwarded: boolean): void => {
    const verb = forwarded ? 'would deny (warn mode: forwarded)' : 'denied';
    logger.warn(`local-iam ${verb} ${denial.action} on ${denial.resource} for ${principal}: ${explainDenial(denial)}`, {
      mode,
      operation,
      principal,
      action: denial.action,
      resource: denial.resource,
      decision: denial.decision,
      ...(denial.denyingStatements.length > 0 ? { denyingStatements: denial.denyingStatements.map(describeStatement) } : {}),
      ...(denial.nearMisses.length > 0 ? { nearestStatements: denial.nearMisses.map(describeStatement) } : {}),
    });
  };

  const conclude = (result: RequestAuthorization, operation: MappedOperation): Outcome => {
    onDecision?.({ operation, allowed: result.allowed || !result.denial });
    if (result.allowed || !result.denial) {
      counters.allowed++;
      return FORWARD;
    }
    logDenial(result.denial, operation.operation, mode === IamMode.Warn);
    if (mode === IamMode.Warn) {
      counters.warned++;
      return FORWARD;
    }
    counters.denied++;
    return { forward: false, response: accessDeniedResponse(accessDeniedMessage(result.denial)) };
  };

  /** Refused in enforce mode, forwarded (and logged) in warn mode. */
  const unsupported = (target: string, message: string, response: (message: string) => AwsJsonErrorResponse): Outcome => {
    counters.unsupported++;
    logger.warn(`local-iam: ${message}`, { mode, target, principal });
    return mode === IamMode.Warn ? FORWARD : { forward: false, response: response(message) };
  };

  return (request) => {
    const targetHeader = request.headers['x-amz-target'];
    if (mode === IamMode.Off || targetHeader === undefined) {
      counters.unchecked++;
      return FORWARD;
    }
    let operation: MappedOperation;
    try {
      operation = mapDynamoDbRequest(targetHeader, parseJsonBody(request), environment);
    } catch (error) {
      if (error instanceof MalformedRequestError) {
        counters.unchecked++;
        return FORWARD;
      }
      if (error instanceof SyntaxError) {
        // Never forward what could not be authorized: DynamoDB Local reads some bodies JSON.parse refuses.
        const message = `local IAM enforcement cannot parse the ${targetHeader} request body as JSON (${error.message}), so it cannot authorize it`;
        return unsupported(targetHeader, message, unparseableRequestResponse);
      }
      if (!(error instanceof UnsupportedOperationError)) throw error;
      return unsupported(targetHeader, error.message, unsupportedOperationResponse);
    }
    const cached = authorizer.authorizeCached(operation);
    return cached ? conclude(cached, operation) : authorizer.authorize(operation).then((result) => conclude(result, operation));
  };
}

/** The request's JSON body (gunzipped when sent `Content-Encoding: gzip`); an empty body reads as `{}`. */
function parseJsonBody(request: DecidedRequest): unknown {
  const text = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body).toString('utf8') : request.body.toString('utf8');
  return JSON.parse(text === '' ? '{}' : text);
}
