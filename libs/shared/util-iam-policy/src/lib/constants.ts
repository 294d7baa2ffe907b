/** Outcome of evaluating a request against a principal's policies, in AWS's own three terms. */
export const Decision = {
  /** At least one statement allows it and none denies it. */
  Allow: 'Allow',
  /** No statement allows it (the default for everything in IAM). */
  ImplicitDeny: 'ImplicitDeny',
  /** A `Deny` statement matches it; nothing can override that. */
  ExplicitDeny: 'ExplicitDeny',
} as const;
export type Decision = (typeof Decision)[keyof typeof Decision];

/** Where an identity policy comes from, as IAM distinguishes them. */
export const PolicyKind = {
  /** Embedded in the role (`aws_iam_role_policy`, or an `inline_policy` block of `aws_iam_role`). */
  Inline: 'inline',
  /** A customer managed policy (`aws_iam_policy`) attached to the role. */
  Managed: 'managed',
  /** An AWS managed policy (`arn:aws:iam::aws:policy/...`) attached to the role. */
  AwsManaged: 'aws-managed',
  /** A resource-based policy (KMS key policy, SQS queue policy, DynamoDB resource policy...). */
  Resource: 'resource',
} as const;
export type PolicyKind = (typeof PolicyKind)[keyof typeof PolicyKind];

/** Which policy type produced a denial; named as AWS names it in access denied messages. */
export const DenyingPolicyType = {
  Identity: 'identity-based policy',
  Resource: 'resource-based policy',
  PermissionsBoundary: 'permissions boundary',
} as const;
export type DenyingPolicyType = (typeof DenyingPolicyType)[keyof typeof DenyingPolicyType];
