/**
 * The one IAM policy evaluator of the workspace: infra's access-matrix tests and the local stack's
 * enforcement both read roles from the synthesized Terraform and evaluate them here.
 */
export { Decision, DenyingPolicyType, PolicyKind } from './lib/constants';
export type { NamedPolicy, PolicyDocument, PolicyEvaluation, PolicyStatement, RolePermissions, StatementReference } from './lib/types';
export {
  IamPolicyError,
  InvalidAccessRequestError,
  PolicyValidationError,
  TerraformPolicyError,
  UnknownManagedPolicyError,
  UnresolvableReferenceError,
  UnsupportedExpressionError,
} from './lib/errors';
export {
  LOCAL_AWS_ENVIRONMENT,
  assumedRoleArn,
  dynamoDbIndexArn,
  dynamoDbStreamArn,
  dynamoDbTableArn,
  iamPolicyArn,
  iamRoleArn,
  type AwsEnvironment,
} from './lib/arns';
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
export { blockAt, readTerraformJson, resourcesOfType, type AddressedBlock, type TerraformBlock, type TerraformJson } from './lib/terraform/terraform-json';
export type { TerraformReference } from './lib/terraform/template';
export { chainResolvers, evaluateTerraformString, type TerraformReferenceResolver, type TerraformValue } from './lib/terraform/expression';
export { createAwsReferenceResolver, type AwsReferenceResolverOptions } from './lib/terraform/reference-resolver';
export { extractRolePermissions, findRole, type ExtractRolePermissionsOptions } from './lib/terraform/role-permissions';
export { functionRoles, type FunctionRole } from './lib/terraform/function-roles';
export { extractResourcePolicies } from './lib/terraform/resource-policies';
export {
  createSynthAccessEvaluator,
  type RoleAccessRequest,
  type SynthAccessEvaluator,
  type SynthAccessEvaluatorOptions,
} from './lib/synth-access-evaluator';
