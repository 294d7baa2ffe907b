import {
  assumedRoleArn,
  Decision,
  evaluateAccess,
  roleSessionContext,
  type AwsEnvironment,
  type NamedPolicy,
  type PolicyEvaluation,
} from '@shop/shared-util-iam-policy';
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

export interface Authorizer {
  /** `arn:aws:sts::000000000000:assumed-role/ROLE/SESSION` */
  readonly principalArn: string;
  authorize(operation: MappedOperation): Promise<RequestAuthorization>;
}

const CACHE_LIMIT = 10_000;

/**
 * Evaluates mapped requests for one role session. Decisions are cached per (action, resource,
 * context): the policies are fixed for the proxy's lifetime and no time-based key is supplied.
 */
export function createAuthorizer(session: RoleSession, env: AwsEnvironment): Authorizer {
  const roleName = session.roleArn.split('/').pop() ?? session.roleArn;
  const principalArn = assumedRoleArn(session.roleArn, session.sessionName ?? roleName);
  const baseContext = { ...roleSessionContext(session.roleArn), 'aws:RequestedRegion': env.region };
  const principal = { policies: session.policies, ...(session.permissionsBoundary ? { permissionsBoundary: session.permissionsBoundary } : {}) };
  const cache = new Map<string, Promise<PolicyEvaluation>>();

  const evaluate = (action: string, resource: string, context: Readonly<Record<string, string>>): Promise<PolicyEvaluation> => {
    const key = JSON.stringify([action, resource, context]);
    let evaluation = cache.get(key);
    if (!evaluation) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      evaluation = evaluateAccess(principal, { principalArn, action, resource, context: { ...baseContext, ...context } });
      cache.set(key, evaluation);
      evaluation.catch(() => cache.delete(key));
    }
    return evaluation;
  };

  return {
    principalArn,
    async authorize(operation) {
      const evaluations: PolicyEvaluation[] = [];
      const seen = new Set<string>();
      for (const requirement of operation.requirements) {
        const key = JSON.stringify([requirement.action, requirement.resource, requirement.context]);
        if (seen.has(key)) continue;
        seen.add(key);
        const evaluation = await evaluate(requirement.action, requirement.resource, requirement.context);
        evaluations.push(evaluation);
        if (evaluation.decision !== Decision.Allow) return { allowed: false, evaluations, denial: evaluation };
      }
      return { allowed: true, evaluations };
    },
  };
}
