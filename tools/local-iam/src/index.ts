/**
 * Local IAM enforcement: one endpoint per role in front of DynamoDB Local, answering like AWS for
 * what the role's synthesized policies do not allow.
 */
export { IamMode, TargetPrefix, DYNAMODB_LOCAL_REGION, SUPPLIED_CONDITION_KEYS } from './lib/constants';
export { InvalidIamModeError, LocalIamError, MalformedRequestError, StreamNotProvisionedError, UnsupportedOperationError } from './lib/errors';
export { parseIamMode } from './lib/iam-mode';
export { awsDynamoDbArn, streamArnOfShardIterator, tableResourceArn } from './lib/dynamodb-arns';
export type { AuthorizationRequirement } from './lib/authorization-requirement';
export { mapDynamoDbRequest, type MappedOperation } from './lib/operation-mapping';
export { createAuthorizer, type Authorizer, type RequestAuthorization, type RoleSession } from './lib/authorizer';
export { accessDeniedResponse, newRequestId, unparseableRequestResponse, type AwsJsonErrorResponse } from './lib/aws-error-response';
export { consoleLogger, type IamProxyLogger } from './lib/logger';
export { startIamProxy, type IamProxy, type IamProxyOptions } from './lib/iam-proxy';
export type { IamProxyStats } from './lib/proxy/proxy-stats';
export type { IamDecision } from './lib/proxy/request-decision';
export { startFunctionIamProxies, type FunctionIamProxies, type FunctionIamProxiesOptions } from './lib/function-proxies';
