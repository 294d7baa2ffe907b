/**
 * Local IAM enforcement: one endpoint per role in front of DynamoDB Local, answering like AWS for
 * what the role's synthesized policies do not allow.
 */
export { IamMode } from './lib/constants';
export { parseIamMode } from './lib/iam-mode';
export { newRequestId } from './lib/aws-error-response';
export { startFunctionIamProxies, type FunctionIamProxies } from './lib/function-proxies';
export type { IamDecision } from './lib/proxy/request-decision';
