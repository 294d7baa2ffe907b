/** Base class of the e2e support's errors: what went wrong, with what the stack printed last. */
export class E2eSupportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'E2eSupportError';
  }
}

/** A condition did not hold in time. */
export class WaitTimeoutError extends E2eSupportError {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly lastValue?: unknown,
  ) {
    super(`Timed out after ${timeoutMs} ms waiting for ${description}${lastValue === undefined ? '' : ` (last seen: ${JSON.stringify(lastValue)})`}`);
    this.name = 'WaitTimeoutError';
  }
}

/** The API answered something its contract does not allow. */
export class ContractViolationError extends E2eSupportError {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly body: unknown,
    readonly problem: string,
  ) {
    super(`${request} → ${status}: ${problem}; body ${JSON.stringify(body)}`);
    this.name = 'ContractViolationError';
  }
}
