/** Base class of every error this library raises. */
export class IamPolicyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IamPolicyError';
  }
}

/** A policy document is not valid IAM policy grammar (as `@cloud-copilot/iam-policy` validates it). */
export class PolicyValidationError extends IamPolicyError {
  constructor(
    readonly policyName: string,
    readonly problems: readonly string[],
  ) {
    super(`Policy "${policyName}" is not a valid IAM policy: ${problems.join('; ')}`);
    this.name = 'PolicyValidationError';
  }
}

/** The request itself cannot be evaluated: unknown action, or a resource the action does not take. */
export class InvalidAccessRequestError extends IamPolicyError {
  constructor(
    readonly action: string,
    readonly resource: string,
    readonly reason: string,
  ) {
    super(`Cannot evaluate ${action} on ${resource}: ${describeSimulatorReason(reason)}`);
    this.name = 'InvalidAccessRequestError';
  }
}

/** The synthesized Terraform does not have the shape the extraction needs (missing role, bad policy). */
export class TerraformPolicyError extends IamPolicyError {
  constructor(
    readonly address: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${address}: ${message}`, options);
    this.name = 'TerraformPolicyError';
  }
}

/** A role attaches a policy ARN whose document is neither in the synth nor among the known AWS managed policies. */
export class UnknownManagedPolicyError extends IamPolicyError {
  constructor(
    readonly roleAddress: string,
    readonly policyArn: string,
  ) {
    super(
      `${roleAddress} attaches ${policyArn}, whose document is unknown. Pass it in the awsManagedPolicies option ` +
        '(the document as `aws iam get-policy-version` returns it) so it can be evaluated.',
    );
    this.name = 'UnknownManagedPolicyError';
  }
}

const simulatorReasons: Record<string, string> = {
  'invalid.action': 'the action is not in the IAM service authorization reference',
  'invalid.service': 'the service prefix is not in the IAM service authorization reference',
  'must.use.wildcard': 'the action does not support resource-level permissions; its resource is "*"',
  'no.resource.types': 'the action does not take a resource of this type',
  'multiple.resource.types': 'the resource matches several resource types of the action',
  'invalid.principal': 'the principal is not a valid ARN',
};

function describeSimulatorReason(reason: string): string {
  return simulatorReasons[reason] ?? reason;
}
