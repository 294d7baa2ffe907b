import type { Decision, DenyingPolicyType, PolicyKind } from './constants';

/** An IAM policy document as JSON (`{ Version, Statement }`). Kept loose: IAM's grammar is validated on evaluation. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** One statement of a policy document, as written. */
export type PolicyStatement = Readonly<Record<string, unknown>>;

/** A policy with where it came from (for messages that name it): an identity policy of a role, or a resource's policy. */
export interface NamedPolicy {
  /** The inline policy's name, the managed policy's name, or the address of the resource policy. */
  readonly name: string;
  readonly kind: PolicyKind;
  /** Managed policies only. */
  readonly arn?: string;
  /** The Terraform address it was read from (`aws_iam_role_policy.consumer`), when it came from a synth. */
  readonly address?: string;
  readonly document: PolicyDocument;
}

/** Everything IAM evaluates for a role's sessions: its identity policies and its permissions boundary. */
export interface RolePermissions {
  /** `aws_iam_role.consumer_role` */
  readonly address: string;
  readonly roleName: string;
  /** `arn:aws:iam::000000000000:role/shop-dev-consumer` */
  readonly roleArn: string;
  /** Inline policies first, then attached managed policies, in synth order. */
  readonly policies: readonly NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
}

/** Points at one statement of one policy, with the statement itself for log lines. */
export interface StatementReference {
  readonly policyName: string;
  readonly policyKind: PolicyKind;
  readonly policyArn?: string;
  readonly sid?: string;
  /** 1-based position in the policy's Statement list, as AWS's own messages count. */
  readonly index: number;
  readonly statement: PolicyStatement;
}

/** The result of evaluating one (principal, action, resource) request. */
export interface PolicyEvaluation {
  readonly decision: Decision;
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  /** Set when denied: which policy type denied, as AWS's message names it. */
  readonly deniedBy?: DenyingPolicyType;
  /** Statements (identity or resource policy) that allow the request; one suffices. */
  readonly allowingStatements: readonly StatementReference[];
  /** Statements that explicitly deny the request. */
  readonly denyingStatements: readonly StatementReference[];
  /**
   * Allow statements that name the action but not this resource (or whose condition failed):
   * usually the statement that was meant to grant it, pointing at the wrong ARN.
   */
  readonly nearMisses: readonly StatementReference[];
}
