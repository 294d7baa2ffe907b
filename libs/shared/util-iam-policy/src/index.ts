/**
 * The one IAM policy evaluator of the workspace: infra's access-matrix tests and the local stack's
 * enforcement both read roles from the synthesized Terraform (through
 * `@shop/shared-util-terraform-json`) and evaluate them here.
 */
export { Decision, PolicyKind } from './lib/constants';
export type { NamedPolicy, PolicyDocument, PolicyEvaluation, PolicyStatement } from './lib/types';
export { IamPolicyError, InvalidAccessRequestError, PolicyValidationError, TerraformPolicyError, UnknownManagedPolicyError } from './lib/errors';
export { assertValidPolicies, evaluateAccess, evaluateRoleAccess, roleSessionContext, type AccessRequest, type PrincipalPolicies } from './lib/evaluate';
export { accessDeniedMessage, describeStatement, explainDenial, missingStatement } from './lib/access-denied-message';
export { conditionKeysUsed } from './lib/condition-keys';
export { extractRolePermissions } from './lib/terraform/role-permissions';
export { functionRoles } from './lib/terraform/function-roles';
export { extractResourcePolicies } from './lib/terraform/resource-policies';
export { createSynthAccessEvaluator, type SynthAccessEvaluator } from './lib/synth-access-evaluator';
