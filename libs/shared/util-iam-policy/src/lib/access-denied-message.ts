import { Decision, DenyingPolicyType, PolicyKind } from './constants';
import type { PolicyEvaluation, PolicyStatement, StatementReference } from './types';

const POLICY_KIND_NAMES: Record<PolicyKind, string> = {
  [PolicyKind.Inline]: 'inline policy',
  [PolicyKind.Managed]: 'managed policy',
  [PolicyKind.AwsManaged]: 'AWS managed policy',
  [PolicyKind.Resource]: 'resource policy',
};

/**
 * AWS's access denied message for a denied evaluation, in the documented shape: principal, action,
 * resource, then the reason (`because no identity-based policy allows the X action`, or
 * `with an explicit deny in an identity-based policy`).
 *
 * @example
 * accessDeniedMessage(evaluation);
 * // 'User: arn:aws:sts::000000000000:assumed-role/shop-dev-consumer/shop-dev-consumer is not authorized to
 * //  perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/shop-dev-orders
 * //  because no identity-based policy allows the dynamodb:PutItem action'
 */
export function accessDeniedMessage(evaluation: PolicyEvaluation): string {
  if (evaluation.decision === Decision.Allow) {
    throw new TypeError(`${evaluation.action} on ${evaluation.resource} is allowed; there is no access denied message`);
  }
  const head = `User: ${evaluation.principalArn} is not authorized to perform: ${evaluation.action} on resource: ${evaluation.resource}`;
  const policyType = evaluation.deniedBy ?? DenyingPolicyType.Identity;
  if (evaluation.decision === Decision.ExplicitDeny) {
    return `${head} with an explicit deny in ${policyType === DenyingPolicyType.Identity ? 'an' : 'a'} ${policyType}`;
  }
  return `${head} because no ${policyType} allows the ${evaluation.action} action`;
}

/**
 * The smallest statement that would allow a request no statement allows: what a developer adds to
 * the role's policy (in infra/) to fix an implicit deny.
 */
export function missingStatement(evaluation: Pick<PolicyEvaluation, 'action' | 'resource'>): PolicyStatement {
  return { Effect: 'Allow', Action: evaluation.action, Resource: evaluation.resource };
}

/**
 * One line for a developer: which statement denied the request, or which statement is missing and
 * which existing statements came closest (same action, other resource or failed condition).
 *
 * @example
 * explainDenial(evaluation);
 * // 'no statement allows it; missing {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"arn:...:table/orders"};
 * //  nearest: statement "WriteReplenishment" (#1) of inline policy "consumer" allows dynamodb:PutItem on arn:...:table/replenishment'
 */
export function explainDenial(evaluation: PolicyEvaluation): string {
  if (evaluation.decision === Decision.Allow) {
    return `allowed by ${evaluation.allowingStatements.map(describeStatement).join(', ')}`;
  }
  if (evaluation.decision === Decision.ExplicitDeny) {
    return `explicitly denied by ${evaluation.denyingStatements.map(describeStatement).join(', ')}`;
  }
  if (evaluation.deniedBy === DenyingPolicyType.PermissionsBoundary) {
    return `allowed by the role's policies but not by its permissions boundary; the boundary needs ${JSON.stringify(missingStatement(evaluation))}`;
  }
  const missing = `no statement allows it; missing ${JSON.stringify(missingStatement(evaluation))}`;
  if (evaluation.nearMisses.length === 0) return missing;
  const nearest = evaluation.nearMisses.map((s) => `${describeStatement(s)} ${describeGrant(s.statement)}`);
  return `${missing}; nearest: ${nearest.join('; ')}`;
}

/** `statement "Sid" (#2) of inline policy "name"` */
export function describeStatement(reference: StatementReference): string {
  const id = reference.sid ? `statement "${reference.sid}" (#${reference.index})` : `statement #${reference.index}`;
  const kind = POLICY_KIND_NAMES[reference.policyKind];
  return `${id} of ${kind} "${reference.policyName}"`;
}

function describeGrant(statement: PolicyStatement): string {
  const actions = list(statement['Action'] ?? statement['NotAction']);
  const resources = list(statement['Resource'] ?? statement['NotResource']);
  const condition = statement['Condition'] ? ` when ${JSON.stringify(statement['Condition'])}` : '';
  return `allows ${actions} on ${resources}${condition}`;
}

function list(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}
