/**
 * The one reader of the synthesized Terraform JSON: the document and its blocks, `${...}`
 * interpolations and the references in them, their values, and the ARNs AWS builds. Infra's synth
 * checks, the IAM policy library, local IAM and the local stack all read the synth through it.
 * Exported: what those projects use, plus the errors the functions throw (documented in the README).
 */
export {
  BlockAttributeError,
  InvalidTerraformJsonError,
  TerraformJsonError,
  UnresolvableReferenceError,
  UnsupportedExpressionError,
} from './lib/errors';
export {
  blockAt,
  isRecord,
  literalAttribute,
  readTerraformJson,
  resourcesOfType,
  type TerraformBlock,
  type TerraformJson,
} from './lib/terraform-json';
export { TerraformDocument } from './lib/terraform-document';
export type { TerraformReference } from './lib/template';
export { findReferences, leadingReference, referencesIn, singleReference, undeclaredReferences, type LocatedReference } from './lib/references';
export {
  chainResolvers,
  evaluateTerraformString,
  evaluateTerraformValue,
  hasInterpolation,
  isSingleInterpolation,
  type TerraformReferenceResolver,
  type TerraformValue,
} from './lib/expression';
export { createAwsReferenceResolver, type AwsReferenceResolverOptions } from './lib/aws-reference-resolver';
export {
  LOCAL_AWS_ENVIRONMENT,
  apiGatewayV2ApiArn,
  assumedRoleArn,
  cognitoUserPoolArn,
  dynamoDbIndexArn,
  dynamoDbStreamArn,
  dynamoDbTableArn,
  executeApiArn,
  iamUserArn,
  lambdaFunctionArn,
  lambdaInvokeArn,
  sqsQueueArn,
  sqsQueueUrl,
  type AwsEnvironment,
} from './lib/arns';
