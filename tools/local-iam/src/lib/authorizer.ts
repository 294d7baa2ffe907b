import {
  Decision,
  evaluateAccess,
  roleSessionContext,
  type AccessRequest,
  type NamedPolicy,
  type PolicyEvaluation,
  type PrincipalPolicies,
} from '@shop/shared-util-iam-policy';
import { assumedRoleArn, type AwsEnvironment } from '@shop/shared-util-terraform-json';
import { decisionKey, LruCache } from './decision-cache';
import type { AuthorizationRequirement } from './authorization-requirement';
import type { MappedOperation } from './operation-mapping';

/** The principal a proxy authorizes for: a role session. */
export interface RoleSession {
  /** `arn:aws:iam::000000000000:role/shop-dev-consumer` */
  readonly roleArn: string;
  readonly policies: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
  /** Lambda uses the function name. Default: the role name. */
  readonly sessionName?: string;
}

/** The outcome for a whole request: allowed only if every (action, resource) is. */
export interface RequestAuthorization {
  readonly allowed: boolean;
  /** One per distinct (action, resource, context), in request order, up to the first denial. */
  readonly evaluations: readonly PolicyEvaluation[];
  /** The first denied (action, resource): what AWS's message names. */
  readonly denial?: PolicyEvaluation;
}

export interface AuthorizerOptions {
  /** Decisions kept (least recently used evicted first). Default 10,000. */
  readonly cacheSize?: number;
  /** The evaluator; default `evaluateAccess` of `@shop/shared-util-iam-policy` (tests count calls). */
  readonly evaluate?: (principal: PrincipalPolicies, request: AccessRequest) => Promise<PolicyEvaluation>;
}

export interface Authorizer {
  /** `arn:aws:sts::000000000000:assumed-role/ROLE/SESSION` */
  readonly principalArn: string;
  /** Evaluates what is not cached yet, then decides. */
  authorize(operation: MappedOperation): Promise<RequestAuthorization>;
  /**
   * The decision from cached evaluations alone, synchronously; `undefined` when one is missing
   * (then call `authorize`). The hot path of the proxy: no promise per request.
   */
  authorizeCached(operation: MappedOperation): RequestAuthorization | undefined;
  /** Evaluations run so far (cache misses). */
  readonly evaluations: number;
}

const DEFAULT_CACHE_SIZE = 10_000;

/**
 * Evaluates mapped requests for one role session, caching each (action, resource, request
 * context) decision in a bounded LRU. The cache is exact: the principal, its policies and the
 * session's constant context (`aws:PrincipalArn`, `aws:SecureTransport`, `aws:RequestedRegion`...)
 * are fixed for the authorizer's lifetime, and every key of the request context the evaluator
 * receives is part of the cache key, so two requests share a decision only if the evaluator would
 * see exactly the same input. Nothing time-based is supplied (`aws:CurrentTime` is absent), so a
 * decision does not expire. Denials are cached like grants.
 */
export function createAuthorizer(session: RoleSession, env: AwsEnvironment, options: AuthorizerOptions = {}): Authorizer {
  const roleName = session.roleArn.split('/').pop() ?? session.roleArn;
  const principalArn = assumedRoleArn(session.roleArn, session.sessionName ?? roleName);
  const baseContext = Object.freeze({ ...roleSessionContext(session.roleArn), 'aws:RequestedRegion': env.region });
  const principal = { policies: session.policies, ...(session.permissionsBoundary ? { permissionsBoundary: session.permissionsBoundary } : {}) };
  const evaluateAccessWith = options.evaluate ?? evaluateAccess;
  const decisions = new LruCache<string, PolicyEvaluation>(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const inFlight = new Map<string, Promise<PolicyEvaluation>>();
  let evaluations = 0;

  const evaluate = (key: string, requirement: AuthorizationRequirement): Promise<PolicyEvaluation> => {
    const cached = decisions.get(key);
    if (cached) return Promise.resolve(cached);
    let pending = inFlight.get(key);
    if (!pending) {
      evaluations++;
      const { action, resource, context } = requirement;
      pending = evaluateAccessWith(principal, { principalArn, action, resource, context: { ...baseContext, ...context } });
      inFlight.set(key, pending);
      pending.then(
        (evaluation) => {
          inFlight.delete(key);
          decisions.set(key, evaluation);
        },
        () => inFlight.delete(key),
      );
    }
    return pending;
  };

  /** Distinct requirements in request order, with their cache keys. */
  const keyed = (operation: MappedOperation): [string, AuthorizationRequirement][] => {
    const result: [string, AuthorizationRequirement][] = [];
    for (const requirement of operation.requirements) {
      const key = decisionKey(requirement.action, requirement.resource, requirement.context);
      if (!result.some(([seen]) => seen === key)) result.push([key, requirement]);
    }
    return result;
  };

  return {
    principalArn,
    get evaluations() {
      return evaluations;
    },
    authorizeCached(operation) {
      const found: PolicyEvaluation[] = [];
      for (const [key] of keyed(operation)) {
        const evaluation = decisions.get(key);
        if (!evaluation) return undefined;
        found.push(evaluation);
        if (evaluation.decision !== Decision.Allow) return { allowed: false, evaluations: found, denial: evaluation };
      }
      return { allowed: true, evaluations: found };
    },
    async authorize(operation) {
      const found: PolicyEvaluation[] = [];
      for (const [key, requirement] of keyed(operation)) {
        const evaluation = await evaluate(key, requirement);
        found.push(evaluation);
        if (evaluation.decision !== Decision.Allow) return { allowed: false, evaluations: found, denial: evaluation };
      }
      return { allowed: true, evaluations: found };
    },
  };
}
