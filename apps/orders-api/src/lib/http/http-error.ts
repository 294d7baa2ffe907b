import { ERROR_STATUS, type ErrorCode, type ValidationIssueDetail } from '@shop/orders-api-contract';

/**
 * An error the API answers with a 4xx/5xx status and `{"error":{"code","message"}}`. Its message
 * goes to the client, so it must never carry internals; faults that are not an HttpError become
 * a 500 with a correlation id instead.
 */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extras: {
      readonly details?: readonly ValidationIssueDetail[];
      readonly headers?: Readonly<Record<string, string>>;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, { cause: extras.cause });
    this.name = 'HttpError';
    this.status = ERROR_STATUS[code];
  }
}
