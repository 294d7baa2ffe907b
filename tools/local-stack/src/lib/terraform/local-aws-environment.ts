import { LOCAL_AWS_ENVIRONMENT, type AwsEnvironment } from '@shop/shared-util-terraform-json';

/** The account id every local ARN carries (DynamoDB Local uses the same one). */
export const LOCAL_ACCOUNT_ID = LOCAL_AWS_ENVIRONMENT.account;

/** The partition of every ARN the stack builds. */
export const AWS_PARTITION = LOCAL_AWS_ENVIRONMENT.partition;

/** The account and partition of every local ARN, in the stack's region (the synth's provider region). */
export const localAwsEnvironment = (region: string): AwsEnvironment => ({ ...LOCAL_AWS_ENVIRONMENT, region });
