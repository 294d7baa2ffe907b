import {
  evaluateTerraformValue,
  resourcesOfType,
  singleReference,
  TerraformJsonError,
  type TerraformBlock,
  type TerraformJson,
  type TerraformReferenceResolver,
  type TerraformValue,
} from '@shop/shared-util-terraform-json';
import { AWS_MANAGED_POLICIES, awsManagedPolicyKey } from '../aws-managed-policies';
import { PolicyKind } from '../constants';
import { IamPolicyError, TerraformPolicyError, UnknownManagedPolicyError } from '../errors';
import type { NamedPolicy, PolicyDocument, RolePermissions } from '../types';
import { policyDocument, withPolicyDocuments } from './policy-documents';

/** How to read roles out of a synth. */
export interface ExtractRolePermissionsOptions {
  /**
   * Resolves the references policies make (table, queue, key ARNs...). Policy documents
   * (`data.aws_iam_policy_document.x.json`) are resolved by the extraction itself.
   * Usually `createAwsReferenceResolver(synth, env, { streamLabel })`, chained after your own.
   */
  readonly resolve: TerraformReferenceResolver;
  /** AWS managed policy documents by ARN, added to (and overriding) `AWS_MANAGED_POLICIES`. */
  readonly awsManagedPolicies?: Readonly<Record<string, PolicyDocument>>;
}

/**
 * Reads every `aws_iam_role` of a synthesized stack with the identity policies IAM would evaluate
 * for it: `inline_policy` blocks and `aws_iam_role_policy` resources (inline), then
 * `aws_iam_role_policy_attachment`, `aws_iam_policy_attachment` and `managed_policy_arns`
 * (customer managed from `aws_iam_policy`, or AWS managed), and its `permissions_boundary`.
 * Policies may be JSON strings with `${...}` references, `${data.aws_iam_policy_document.x.json}`,
 * or `${jsonencode({...})}` (CDKTF's `Fn.jsonencode`).
 *
 * @throws TerraformPolicyError naming the resource whose policy cannot be read
 * @throws UnknownManagedPolicyError for an attached policy whose document is unknown
 * @example
 * const synth = readTerraformJson('infra/cdktf.out/stacks/shop-dev/cdk.tf.json');
 * const roles = extractRolePermissions(synth, {
 *   resolve: createAwsReferenceResolver(synth, LOCAL_AWS_ENVIRONMENT, { streamLabel: () => label }),
 * });
 */
export function extractRolePermissions(synth: TerraformJson, options: ExtractRolePermissionsOptions): RolePermissions[] {
  const resolve = withPolicyDocuments(synth, options.resolve);
  const evaluate = (address: string, attribute: string, value: unknown): TerraformValue =>
    inContext(address, attribute, () => evaluateTerraformValue(value, resolve));
  const managed = { ...AWS_MANAGED_POLICIES, ...options.awsManagedPolicies };
  const customerPolicies = resourcesOfType(synth, 'aws_iam_policy').map((p) => ({
    address: p.address,
    arn: String(evaluate(p.address, 'arn', `\${${p.address}.arn}`)),
    name: String(evaluate(p.address, 'name', `\${${p.address}.name}`)),
    config: p.config,
  }));

  const managedPolicy = (roleAddress: string, arnValue: unknown): NamedPolicy => {
    const referenced = singleReference(arnValue);
    const arn = String(evaluate(roleAddress, 'policy_arn', arnValue));
    const own = customerPolicies.find((p) => (referenced ? p.address === referenced.address : p.arn === arn));
    if (own) return { name: own.name, kind: PolicyKind.Managed, arn: own.arn, address: own.address, document: policyDocument(own.address, evaluate(own.address, 'policy', own.config['policy'])) };
    const document = managed[awsManagedPolicyKey(arn)] ?? managed[arn];
    if (!document) throw new UnknownManagedPolicyError(roleAddress, arn);
    return { name: arn.split('/').pop() ?? arn, kind: PolicyKind.AwsManaged, arn, document };
  };

  const roles = resourcesOfType(synth, 'aws_iam_role');
  const roleOf = (target: TerraformBlock, value: unknown): TerraformBlock | undefined => {
    const referenced = singleReference(value);
    if (referenced?.type === 'aws_iam_role') return roles.find((r) => r.address === referenced.address);
    const literal = String(evaluate(target.address, 'role', value));
    return roles.find((r) => [roleName(r), roleArn(r)].includes(literal));
  };
  const roleName = (role: TerraformBlock) => String(evaluate(role.address, 'name', `\${${role.address}.name}`));
  const roleArn = (role: TerraformBlock) => String(evaluate(role.address, 'arn', `\${${role.address}.arn}`));

  const inlineResources = resourcesOfType(synth, 'aws_iam_role_policy');
  const attachments = [
    ...resourcesOfType(synth, 'aws_iam_role_policy_attachment').map((a) => ({ ...a, roles: [a.config['role']] })),
    ...resourcesOfType(synth, 'aws_iam_policy_attachment').map((a) => ({ ...a, roles: list(a.config['roles']) })),
  ];
  // A policy for a role that is not in the synth is a wiring mistake; say so instead of dropping it.
  for (const resource of [...inlineResources.map((p) => ({ ...p, roles: [p.config['role']] })), ...attachments]) {
    const dangling = resource.roles.find((value) => !roleOf(resource, value));
    if (dangling !== undefined) throw new TerraformPolicyError(resource.address, `role ${String(dangling)} is not an aws_iam_role of this synth`);
  }

  return roles.map((role) => {
    const inline: NamedPolicy[] = [
      ...list(role.config['inline_policy'])
        .map((block) => block as Record<string, unknown>)
        .filter((block) => typeof block['policy'] === 'string' && block['policy'] !== '')
        .map((block) => ({
          name: String(block['name']),
          kind: PolicyKind.Inline,
          address: role.address,
          document: policyDocument(role.address, evaluate(role.address, 'inline_policy', block['policy'])),
        })),
      ...inlineResources
        .filter((p) => roleOf(p, p.config['role'])?.address === role.address)
        .map((p) => ({
          name: String(evaluate(p.address, 'name', p.config['name'] ?? p.name)),
          kind: PolicyKind.Inline,
          address: p.address,
          document: policyDocument(p.address, evaluate(p.address, 'policy', p.config['policy'])),
        })),
    ];
    const attached = [
      ...list(role.config['managed_policy_arns']).map((arn) => managedPolicy(role.address, arn)),
      ...attachments
        .filter((a) => a.roles.some((r) => roleOf(a, r)?.address === role.address))
        .map((a) => managedPolicy(a.address, a.config['policy_arn'])),
    ];
    const boundary = role.config['permissions_boundary'];
    return {
      address: role.address,
      roleName: roleName(role),
      roleArn: roleArn(role),
      policies: [...inline, ...attached],
      ...(boundary ? { permissionsBoundary: managedPolicy(role.address, boundary) } : {}),
    };
  });
}

/**
 * The role a function runs with, and a role by name or address.
 *
 * @throws TerraformPolicyError when there is no such role
 */
export function findRole(roles: readonly RolePermissions[], nameOrAddress: string): RolePermissions {
  const role = roles.find((r) => r.address === nameOrAddress || r.roleName === nameOrAddress || r.roleArn === nameOrAddress);
  if (!role) {
    throw new TerraformPolicyError(nameOrAddress, `no such aws_iam_role; the synth has ${roles.map((r) => r.roleName).join(', ') || 'none'}`);
  }
  return role;
}

function inContext<T>(address: string, attribute: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TerraformPolicyError || error instanceof UnknownManagedPolicyError) throw error;
    if (error instanceof IamPolicyError || error instanceof TerraformJsonError) throw new TerraformPolicyError(address, `${attribute}: ${error.message}`, { cause: error });
    throw error;
  }
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
