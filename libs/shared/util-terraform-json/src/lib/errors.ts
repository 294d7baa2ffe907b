/** Base class of every error this library raises. */
export class TerraformJsonError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerraformJsonError';
  }
}

/** The synthesized file is missing, not JSON, or not shaped like Terraform JSON. */
export class InvalidTerraformJsonError extends TerraformJsonError {
  constructor(
    readonly source: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${problem} (${source})`, options);
    this.name = 'InvalidTerraformJsonError';
  }
}

/** A block's attribute is not what a reader needs (absent, not a string, computed where a literal is required). */
export class BlockAttributeError extends TerraformJsonError {
  constructor(
    readonly address: string,
    readonly problem: string,
  ) {
    super(`${address}: ${problem}`);
    this.name = 'BlockAttributeError';
  }
}

/** A `${...}` that no resolver could turn into a value. */
export class UnresolvableReferenceError extends TerraformJsonError {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`Cannot resolve \${${expression}}: ${reason}`);
    this.name = 'UnresolvableReferenceError';
  }
}

/** A Terraform expression outside the subset this library parses or evaluates (operators, most functions, directives). */
export class UnsupportedExpressionError extends TerraformJsonError {
  constructor(
    readonly source: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`Unsupported Terraform expression at offset ${position} of ${JSON.stringify(truncate(source))}: ${reason}`);
    this.name = 'UnsupportedExpressionError';
  }
}

function truncate(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
