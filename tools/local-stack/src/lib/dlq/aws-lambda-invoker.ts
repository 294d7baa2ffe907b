import { randomUUID } from 'node:crypto';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { FailureKind, type FunctionInvoker, type InvocationResult, type LambdaError } from '../lambda/invocation';

/**
 * Invokes a deployed function on AWS synchronously (RequestResponse), as the event source
 * mapping does, and reads its answer into an {@link InvocationResult}: a `FunctionError` in the
 * response is a failed invocation with Lambda's error payload.
 *
 * @example
 * const invoker = new AwsLambdaInvoker(new LambdaClient({ region: 'us-east-1' }), message.requestContext.functionArn);
 */
export class AwsLambdaInvoker implements FunctionInvoker {
  readonly functionName: string;

  constructor(
    private readonly client: LambdaClient,
    readonly functionArn: string,
  ) {
    this.functionName = functionArn.split(':')[6] ?? functionArn;
  }

  async invoke(event: unknown): Promise<InvocationResult> {
    const started = Date.now();
    const response = await this.client.send(
      new InvokeCommand({ FunctionName: this.functionArn, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    );
    const facts = { requestId: response.$metadata?.requestId ?? randomUUID(), durationMs: Date.now() - started, coldStart: false };
    const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
    const payload: unknown = text === '' ? null : safeJson(text);
    if (response.FunctionError) {
      const error = payload as Partial<LambdaError> | null;
      return {
        ...facts,
        ok: false,
        kind: FailureKind.Unhandled,
        error: { errorType: error?.errorType ?? response.FunctionError, errorMessage: error?.errorMessage ?? text, trace: error?.trace ?? [] },
      };
    }
    return { ...facts, ok: true, payload };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
