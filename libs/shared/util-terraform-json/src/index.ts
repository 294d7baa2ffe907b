/**
 * The one reader of the synthesized Terraform JSON: the document and its blocks, `${...}`
 * interpolations and the references in them, their values, and the ARNs AWS builds. Infra's synth
 * checks, the IAM policy library and the local stack all read the synth through it.
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
  dataSourcesOfType,
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
  iamPolicyArn,
  iamRoleArn,
  iamUserArn,
  lambdaFunctionArn,
  lambdaInvokeArn,
  sqsQueueArn,
  sqsQueueUrl,
  type AwsEnvironment,
} from './lib/arns';
