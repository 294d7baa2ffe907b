import { evaluateTerraformValue, literalAttribute, resourcesOfType, singleReference, type TerraformJson } from '@shop/shared-util-terraform-json';
import { TerraformPolicyError } from '../errors';
import type { RolePermissions } from '../types';

/** A Lambda function of the synth and the role its sessions act as. */
export interface FunctionRole {
  /** `aws_lambda_function.consumer` */
  readonly functionAddress: string;
  /** `shop-dev-replenishment-consumer`: also the session name in its assumed-role ARN. */
  readonly functionName: string;
  readonly role: RolePermissions;
}

/**
 * Pairs every `aws_lambda_function` with its execution role (`role = "${aws_iam_role.x.arn}"`, or the
 * role's literal ARN).
 *
 * @throws TerraformPolicyError when a function's role is not a role of the synth
 * @example
 * const roles = extractRolePermissions(synth, { resolve });
 * for (const { functionName, role } of functionRoles(synth, roles)) startIamProxy({ ... });
 */
export function functionRoles(synth: TerraformJson, roles: readonly RolePermissions[]): FunctionRole[] {
  return resourcesOfType(synth, 'aws_lambda_function').map((block) => {
    const { address, config } = block;
    const functionName = literalAttribute(block, 'function_name');
    if (!functionName) throw new TerraformPolicyError(address, 'declares no literal function_name');
    const referenced = singleReference(config['role']);
    const role = referenced
      ? roles.find((r) => r.address === referenced.address)
      : roles.find((r) => r.roleArn === evaluateTerraformValue(config['role'], () => undefined));
    if (!role) throw new TerraformPolicyError(address, `its role ${String(config['role'])} is not an aws_iam_role of this synth`);
    return { functionAddress: address, functionName, role };
  });
}
