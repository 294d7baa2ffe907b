import { runSimulation, type RequestAnalysis, type SimulationErrors } from '@cloud-copilot/iam-simulate';
import { assumedRoleArn } from '@shop/shared-util-terraform-json';
import { Decision, DenyingPolicyType, PolicyKind } from './constants';
import { InvalidAccessRequestError, PolicyValidationError } from './errors';
import type { NamedPolicy, PolicyEvaluation, RolePermissions, StatementReference } from './types';

/** The policies IAM evaluates for a principal (identity-based policies and an optional permissions boundary). */
export interface PrincipalPolicies {
  readonly policies: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
}

/** Context values of a request, by condition key (`aws:SecureTransport`, `dynamodb:ReturnValues`, ...). */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** One request to authorize. */
export interface AccessRequest {
  /** Who calls: an assumed-role session ARN (what Lambda uses) or a role/user ARN. */
  readonly principalArn: string;
  /** `dynamodb:PutItem` */
  readonly action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions (`dynamodb:ListStreams`). */
  readonly resource: string;
  /** Keys the action does not support are ignored, as AWS does. */
  readonly context?: RequestContext;
  /** The resource's own policy (KMS key policy, SQS queue policy...), when it has one. Same account assumed. */
  readonly resourcePolicy?: NamedPolicy;
}

type StatementAnalysis = NonNullable<RequestAnalysis['identityAnalysis']>['allowStatements'][number];

const RESOURCE_POLICY_ID = 'resource-policy';

/**
 * Evaluates one request against a principal's identity policies (and permissions boundary) with AWS's
 * evaluation logic, via `@cloud-copilot/iam-simulate` in strict mode. Same-account only: resource
 * policies, SCPs and RCPs are not part of the input.
 *
 * @throws PolicyValidationError when a policy is not valid IAM grammar
 * @throws InvalidAccessRequestError when the action is unknown or does not take that resource
 * @example
 * const result = await evaluateAccess(role, {
 *   principalArn: 'arn:aws:sts::000000000000:assumed-role/shop-dev-consumer/shop-dev-consumer',
 *   action: 'dynamodb:PutItem',
 *   resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-orders',
 * });
 * result.decision; // 'ImplicitDeny'
 */
export async function evaluateAccess(principal: PrincipalPolicies, request: AccessRequest): Promise<PolicyEvaluation> {
  const byId = new Map<string, NamedPolicy>();
  const identityPolicies = principal.policies.map((policy, i) => {
    const id = `${i}:${policy.name}`;
    byId.set(id, policy);
    return { name: id, policy: policy.document };
  });
  const boundary = principal.permissionsBoundary;
  if (boundary) byId.set(`boundary:${boundary.name}`, boundary);
  const resourcePolicy = request.resourcePolicy;
  if (resourcePolicy) byId.set(RESOURCE_POLICY_ID, resourcePolicy);

  const result = await runSimulation(
    {
      request: {
        principal: request.principalArn,
        action: request.action,
        resource: { resource: request.resource, accountId: resourceAccount(request) },
        contextVariables: toMutableContext(request.context),
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(boundary ? { permissionBoundaryPolicies: [{ name: `boundary:${boundary.name}`, policy: boundary.document }] } : {}),
      ...(resourcePolicy ? { resourcePolicy: resourcePolicy.document } : {}),
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') throw simulationError(result.errors, request, byId);
  const analyses = result.resultType === 'single' ? [result.result.analysis] : result.results.map((r) => r.analysis);
  const reference = (analysis: StatementAnalysis): StatementReference => toReference(analysis, byId);

  const identity = analyses.flatMap((a) => (a.identityAnalysis ? [a.identityAnalysis] : []));
  const resources = analyses.flatMap((a) => (a.resourceAnalysis ? [a.resourceAnalysis] : []));
  const boundaries = analyses.flatMap((a) => (a.permissionBoundaryAnalysis ? [a.permissionBoundaryAnalysis] : []));
  const decision = toDecision(result.overallResult);
  const identityDenies = identity.flatMap((a) => a.denyStatements);
  const resourceDenies = resources.flatMap((a) => a.denyStatements);
  const boundaryDenies = boundaries.flatMap((a) => a.denyStatements);
  const grantedByPolicies = identity.some((a) => a.result === 'Allowed') || resources.some((a) => a.allowStatements.length > 0);

  let deniedBy: DenyingPolicyType | undefined;
  if (decision === Decision.ExplicitDeny) {
    if (identityDenies.length > 0) deniedBy = DenyingPolicyType.Identity;
    else if (resourceDenies.length > 0) deniedBy = DenyingPolicyType.Resource;
    else deniedBy = boundaryDenies.length > 0 ? DenyingPolicyType.PermissionsBoundary : DenyingPolicyType.Identity;
  } else if (decision === Decision.ImplicitDeny) {
    deniedBy = grantedByPolicies && boundary ? DenyingPolicyType.PermissionsBoundary : DenyingPolicyType.Identity;
  }

  return {
    decision,
    principalArn: request.principalArn,
    action: request.action,
    resource: request.resource,
    ...(deniedBy ? { deniedBy } : {}),
    allowingStatements: [...identity, ...resources].flatMap((a) => a.allowStatements).map(reference),
    denyingStatements: [...identityDenies, ...resourceDenies, ...boundaryDenies].map(reference),
    nearMisses: identity
      .flatMap((a) => a.unmatchedStatements)
      .filter((s) => s.statement.isAllow() && s.actionMatch)
      .map(reference),
  };
}

/**
 * Evaluates a request made by a session of `role` (a Lambda function's session when `sessionName`
 * is the function name) — the shape infra's access-matrix tests use.
 *
 * @example
 * const roles = extractRolePermissions(synth, { resolve });
 * const consumer = roles.find((r) => r.roleName === 'shop-dev-consumer')!;
 * (await evaluateRoleAccess(consumer, 'dynamodb:PutItem', ordersArn)).decision; // 'ImplicitDeny'
 */
export function evaluateRoleAccess(
  role: RolePermissions,
  action: string,
  resource: string,
  options: { readonly sessionName?: string; readonly context?: RequestContext; readonly resourcePolicy?: NamedPolicy } = {},
): Promise<PolicyEvaluation> {
  const principalArn = assumedRoleArn(role.roleArn, options.sessionName ?? role.roleName);
  return evaluateAccess(role, {
    principalArn,
    action,
    resource,
    context: { ...roleSessionContext(role.roleArn), ...options.context },
    ...(options.resourcePolicy ? { resourcePolicy: options.resourcePolicy } : {}),
  });
}

/**
 * The global condition keys AWS sets on every call of a role session made through an SDK:
 * `aws:PrincipalArn` (the role, not the session), `aws:PrincipalAccount`, `aws:PrincipalType`
 * and `aws:SecureTransport` (the SDKs only speak TLS to AWS).
 */
export function roleSessionContext(roleArn: string): Record<string, string> {
  return {
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': roleArn.split(':')[4] ?? '',
    'aws:PrincipalType': 'AssumedRole',
    'aws:SecureTransport': 'true',
  };
}

/**
 * Fails fast on a policy that is not valid IAM grammar, naming it; the same check `evaluateAccess`
 * makes, without a request. Use it at start-up so a bad policy is not first seen on a request.
 *
 * @throws PolicyValidationError
 */
export async function assertValidPolicies(principal: PrincipalPolicies): Promise<void> {
  await evaluateAccess(principal, { principalArn: 'arn:aws:iam::000000000000:role/validation', action: 'sts:GetCallerIdentity', resource: '*' });
}

function simulationError(errors: SimulationErrors, request: AccessRequest, byId: Map<string, NamedPolicy>): Error {
  const invalid = {
    ...errors.identityPolicyErrors,
    ...errors.permissionBoundaryErrors,
    ...(errors.resourcePolicyErrors ? { [RESOURCE_POLICY_ID]: errors.resourcePolicyErrors } : {}),
  };
  const [firstId, problems] = Object.entries(invalid)[0] ?? [];
  if (firstId && problems) {
    return new PolicyValidationError(
      byId.get(firstId)?.name ?? firstId,
      problems.map((p) => `${p.path}: ${p.message}`),
    );
  }
  return new InvalidAccessRequestError(request.action, request.resource, errors.message);
}

function toReference(analysis: StatementAnalysis, byId: Map<string, NamedPolicy>): StatementReference {
  // Resource policy statements carry no policy id.
  const policy = byId.get((analysis.policyId as string | undefined) ?? RESOURCE_POLICY_ID);
  const sid = analysis.statement.sid();
  return {
    policyName: policy?.name ?? String(analysis.policyId),
    policyKind: policy?.kind ?? PolicyKind.Resource,
    ...(policy?.arn ? { policyArn: policy.arn } : {}),
    ...(sid ? { sid } : {}),
    index: analysis.statement.index(),
    statement: analysis.statement.toJSON() as StatementReference['statement'],
  };
}

function toDecision(result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied'): Decision {
  if (result === 'Allowed') return Decision.Allow;
  return result === 'ExplicitlyDenied' ? Decision.ExplicitDeny : Decision.ImplicitDeny;
}

/** The resource's owner; for `*` and account-less ARNs (S3), the caller's own account. */
function resourceAccount(request: AccessRequest): string {
  const fromResource = request.resource.split(':')[4];
  if (fromResource && /^\d{12}$/.test(fromResource)) return fromResource;
  return request.principalArn.split(':')[4] ?? '';
}

function toMutableContext(context: RequestContext | undefined): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]));
}
