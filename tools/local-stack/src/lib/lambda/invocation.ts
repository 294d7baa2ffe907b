/** Lambda's error payload, as a failed invocation returns it. */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

/** Why an invocation failed: the handler threw, ran out of time, could not start, or crashed. */
export const FailureKind = {
  Unhandled: 'Unhandled',
  Timeout: 'Timeout',
  InitError: 'InitError',
  Crash: 'Crash',
} as const;
export type FailureKind = (typeof FailureKind)[keyof typeof FailureKind];

interface InvocationFacts {
  readonly requestId: string;
  readonly durationMs: number;
  /** The instance was started for this invocation (its init ran first). */
  readonly coldStart: boolean;
}

/** A synchronous invocation's outcome, like the Invoke API's response. */
export type InvocationResult =
  | (InvocationFacts & { readonly ok: true; readonly payload: unknown })
  | (InvocationFacts & { readonly ok: false; readonly kind: FailureKind; readonly error: LambdaError });

/** Anything that runs a function: the local runtime, or a test double. */
export interface FunctionInvoker {
  readonly functionName: string;
  readonly functionArn: string;
  invoke(event: unknown): Promise<InvocationResult>;
}
