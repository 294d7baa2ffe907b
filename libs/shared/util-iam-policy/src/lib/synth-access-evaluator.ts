import {
  chainResolvers,
  createAwsReferenceResolver,
  evaluateTerraformString,
  LOCAL_AWS_ENVIRONMENT,
  type AwsEnvironment,
  type AwsReferenceResolverOptions,
  type TerraformJson,
  type TerraformReferenceResolver,
} from '@shop/shared-util-terraform-json';
import { TerraformPolicyError } from './errors';
import { evaluateRoleAccess, type RequestContext } from './evaluate';
import { withPolicyDocuments } from './terraform/policy-documents';
import { extractResourcePolicies } from './terraform/resource-policies';
import { extractRolePermissions, type ExtractRolePermissionsOptions } from './terraform/role-permissions';
import type { NamedPolicy, PolicyEvaluation, RolePermissions } from './types';

export interface SynthAccessEvaluatorOptions extends AwsReferenceResolverOptions {
  /** Account, region and partition ARNs are built for. Default: `LOCAL_AWS_ENVIRONMENT`. */
  readonly environment?: AwsEnvironment;
  /** Consulted before the built-in AWS resolver (e.g. to rename tables). */
  readonly resolve?: TerraformReferenceResolver;
  readonly awsManagedPolicies?: ExtractRolePermissionsOptions['awsManagedPolicies'];
}

/** One call a role's session makes, for {@link SynthAccessEvaluator.evaluate}. */
export interface RoleAccessRequest {
  /** The role's Terraform name (`consumer_role`), address, IAM name or ARN. */
  readonly role: string;
  readonly action: string;
  /** The resource ARN, or `*`; see {@link SynthAccessEvaluator.value} to get ARNs from the synth. */
  readonly resource: string;
  /** Added to the role session's context (`aws:SecureTransport` is `true` unless given). */
  readonly context?: RequestContext;
  /** Default: the role name (Lambda uses the function name). */
  readonly sessionName?: string;
}

/** Everything needed to ask "may this role do that?" of one synthesized stack. */
export interface SynthAccessEvaluator {
  readonly environment: AwsEnvironment;
  readonly roles: readonly RolePermissions[];
  /** By the ARN of the resource they govern. */
  readonly resourcePolicies: ReadonlyMap<string, NamedPolicy>;
  /** The value of a reference, as the policies see it: `value('aws_dynamodb_table.orders.arn')`. */
  value(expression: string): string;
  role(name: string): RolePermissions;
  /** Identity policies, permissions boundary and the resource's own policy, as AWS combines them. */
  evaluate(request: RoleAccessRequest): Promise<PolicyEvaluation>;
}

/**
 * Reads roles and resource policies from a synthesized stack once, then evaluates requests against
 * them — the shape of an access-matrix test.
 *
 * @example
 * const iam = createSynthAccessEvaluator(readTerraformJson('infra/cdktf.out/stacks/shop-dev/cdk.tf.json'), {
 *   streamLabel: () => '2024-01-01T00:00:00.000',
 * });
 * const orders = iam.value('aws_dynamodb_table.orders.arn');
 * expect((await iam.evaluate({ role: 'consumer_role', action: 'dynamodb:PutItem', resource: orders })).decision).toBe('ImplicitDeny');
 */
export function createSynthAccessEvaluator(synth: TerraformJson, options: SynthAccessEvaluatorOptions = {}): SynthAccessEvaluator {
  const environment = options.environment ?? LOCAL_AWS_ENVIRONMENT;
  const aws = createAwsReferenceResolver(synth, environment, options);
  const resolve = options.resolve ? chainResolvers(options.resolve, aws) : aws;
  const roles = extractRolePermissions(synth, { resolve, ...(options.awsManagedPolicies ? { awsManagedPolicies: options.awsManagedPolicies } : {}) });
  const resourcePolicies = extractResourcePolicies(synth, { resolve });
  const withDocuments = withPolicyDocuments(synth, resolve);

  const role = (name: string): RolePermissions => {
    const found = roles.find((r) => [r.address, r.address.split('.')[1], r.roleName, r.roleArn].includes(name));
    if (!found) throw new TerraformPolicyError(name, `no such aws_iam_role; the synth has ${roles.map((r) => r.address).join(', ') || 'none'}`);
    return found;
  };

  return {
    environment,
    roles,
    resourcePolicies,
    value: (expression) => String(evaluateTerraformString(`\${${expression}}`, withDocuments)),
    role,
    evaluate: (request) => {
      const resourcePolicy = resourcePolicies.get(request.resource);
      return evaluateRoleAccess(role(request.role), request.action, request.resource, {
        ...(request.sessionName ? { sessionName: request.sessionName } : {}),
        ...(request.context ? { context: request.context } : {}),
        ...(resourcePolicy ? { resourcePolicy } : {}),
      });
    },
  };
}
