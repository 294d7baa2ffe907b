import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

/** An IAM policy statement, written the way IAM reads it (every statement has a Sid). */
export interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  /** `'*'` (anyone) or `{ AWS: [...] }`, `{ Service: [...] }`. Only in resource and trust policies. */
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: readonly string[];
  /** Omitted only in trust policies, which take no Resource. */
  readonly Resource?: readonly string[];
  /** `{ StringEquals: { 'kms:ViaService': '…' } }` */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

const asList = (value: string | readonly string[]): string[] => (typeof value === 'string' ? [value] : [...value]);

function toBlock(statement: Statement): DataAwsIamPolicyDocumentStatement {
  const principals =
    statement.Principal === undefined
      ? undefined
      : statement.Principal === '*'
        ? [{ type: '*', identifiers: ['*'] }]
        : Object.entries(statement.Principal).map(([type, identifiers]) => ({ type, identifiers: asList(identifiers) }));
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([test, byKey]) =>
    Object.entries(byKey).map(([variable, values]) => ({ test, variable, values: asList(values) })),
  );
  return {
    sid: statement.Sid,
    effect: statement.Effect,
    actions: [...statement.Action],
    ...(statement.Resource ? { resources: [...statement.Resource] } : {}),
    ...(principals ? { principals } : {}),
    ...(conditions.length > 0 ? { condition: conditions } : {}),
  };
}

/**
 * Pins a resource's Terraform address to a readable name (`aws_dynamodb_table.products`): state
 * addresses then survive refactoring the construct tree, and the synth reads like the design.
 */
export function pinAddress<T extends TerraformElement>(element: T, name: string): T {
  element.overrideLogicalId(name);
  return element;
}

/**
 * A policy document as a `data "aws_iam_policy_document"`; use its `.json` as the `policy`. This is
 * Terraform's own idiom, and the one shape CDKTF renders correctly to HCL too (`synth --hcl` breaks
 * JSON strings that contain references).
 *
 * @example
 * ```ts
 * const doc = policyDocument(this, 'orders_api', [{ Sid: 'Orders', Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table.arn] }]);
 * new IamRolePolicy(this, 'policy', { role: role.name, policy: doc.json });
 * ```
 */
export function policyDocument(scope: Construct, address: string, statements: readonly Statement[]): DataAwsIamPolicyDocument {
  return pinAddress(new DataAwsIamPolicyDocument(scope, `${address}-policy-document`, { statement: statements.map(toBlock) }), address);
}

/** A role's trust policy: only this AWS service may assume the role. */
export function serviceTrustPolicy(scope: Construct, address: string, service: string): DataAwsIamPolicyDocument {
  return policyDocument(scope, address, [{ Sid: 'ServiceAssumesRole', Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }]);
}
