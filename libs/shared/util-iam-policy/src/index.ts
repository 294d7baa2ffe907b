/**
 * The one IAM policy evaluator of the workspace: infra's access-matrix tests and the local stack's
 * enforcement both read roles from the synthesized Terraform (through
 * `@shop/shared-util-terraform-json`) and evaluate them here.
 */
export { Decision, DenyingPolicyType, PolicyKind } from './lib/constants';
export type { NamedPolicy, PolicyDocument, PolicyEvaluation, PolicyStatement, RolePermissions, StatementReference } from './lib/types';
export {
  IamPolicyError,
  InvalidAccessRequestError,
  PolicyValidationError,
  TerraformPolicyError,
  UnknownManagedPolicyError,
} from './lib/errors';
export {
  assertValidPolicies,
  evaluateAccess,
  evaluateRoleAccess,
  roleSessionContext,
  type AccessRequest,
  type PrincipalPolicies,
  type RequestContext,
} from './lib/evaluate';
export { accessDeniedMessage, describeStatement, explainDenial, missingStatement } from './lib/access-denied-message';
export { conditionKeysUsed, type ConditionKeyUse } from './lib/condition-keys';
export { AWS_MANAGED_POLICIES } from './lib/aws-managed-policies';
export { extractRolePermissions, findRole, type ExtractRolePermissionsOptions } from './lib/terraform/role-permissions';
export { functionRoles, type FunctionRole } from './lib/terraform/function-roles';
export { extractResourcePolicies } from './lib/terraform/resource-policies';
export {
  createSynthAccessEvaluator,
  type RoleAccessRequest,
  type SynthAccessEvaluator,
  type SynthAccessEvaluatorOptions,
} from './lib/synth-access-evaluator';
