import { IamMode } from './constants';

/** Base class of every error local IAM enforcement raises. */
export class LocalIamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalIamError';
  }
}

/** `--iam` got something other than enforce, warn or off. */
export class InvalidIamModeError extends LocalIamError {
  constructor(readonly value: string) {
    super(`Unknown IAM mode "${value}"; use one of ${Object.values(IamMode).join(', ')}`);
    this.name = 'InvalidIamModeError';
  }
}

/** An operation local IAM cannot map to IAM actions, so it cannot say whether AWS would allow it. */
export class UnsupportedOperationError extends LocalIamError {
  constructor(readonly target: string) {
    super(
      `local IAM enforcement cannot map ${target} to IAM actions and resources, so it refuses it in enforce mode; ` +
        'run with --iam warn (or off) to let it through',
    );
    this.name = 'UnsupportedOperationError';
  }
}

/**
 * A request without what its operation needs (no TableName, no ShardIterator...). AWS rejects those
 * before authorizing, so the proxy forwards them and DynamoDB Local answers the same validation error.
 */
export class MalformedRequestError extends LocalIamError {
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`${operation}: ${reason}`);
    this.name = 'MalformedRequestError';
  }
}

/** A table the synth declares with a stream is missing from DynamoDB Local, so its stream ARN is unknown. */
export class StreamNotProvisionedError extends LocalIamError {
  constructor(
    readonly tableName: string,
    options?: { cause?: unknown },
  ) {
    super(`Table ${tableName} has no stream in DynamoDB Local; provision the tables from the synth before starting the IAM proxies`, options);
    this.name = 'StreamNotProvisionedError';
  }
}
