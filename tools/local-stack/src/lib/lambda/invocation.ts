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

/** Where an event may carry its own JSON text (see {@link withJson}). */
const EVENT_JSON = Symbol('event JSON');

/**
 * Attaches the event's JSON text, when the caller already has it, so the local runtime sends that
 * text to the function's worker (which parses it, as Lambda hands a function its JSON event)
 * instead of structured-cloning the object. `json` must be exactly `JSON.stringify(event)` up to
 * whitespace and key order. Other invokers see an ordinary event.
 */
export function withJson<T extends object>(event: T, json: () => string): T {
  Object.defineProperty(event, EVENT_JSON, { value: json, enumerable: false });
  return event;
}

/** The JSON text attached by {@link withJson}, if any. */
export function attachedJson(event: unknown): string | undefined {
  const json = typeof event === 'object' && event !== null ? (event as { [EVENT_JSON]?: () => string })[EVENT_JSON] : undefined;
  return json?.();
}
