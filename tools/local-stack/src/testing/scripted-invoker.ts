/** A FunctionInvoker that answers from a script, recording the keys of every batch it gets. */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionInvoker, InvocationResult } from '../lib/lambda/invocation';

export interface ScriptedInvoker extends FunctionInvoker {
  /** Sequence numbers of each invocation's records. */
  readonly calls: string[][];
  /** `pk` of each invocation's records (fake-stream records). */
  readonly keys: string[][];
}

/** `respond` gets the batch's sequence numbers and returns a payload, or an Error to fail. */
export function scriptedInvoker(respond: (sequenceNumbers: string[]) => unknown = () => null): ScriptedInvoker {
  const calls: string[][] = [];
  const keys: string[][] = [];
  return {
    functionName: 'consumer',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
    calls,
    keys,
    async invoke(event: unknown): Promise<InvocationResult> {
      const records = (event as DynamoDBStreamEvent).Records;
      const sequenceNumbers = records.map((r) => r.dynamodb?.SequenceNumber as string);
      calls.push(sequenceNumbers);
      keys.push(records.map((r) => r.dynamodb?.Keys?.['pk']?.S as string));
      const answer = respond(sequenceNumbers);
      const facts = { requestId: `req-${calls.length}`, durationMs: 1, coldStart: false };
      return answer instanceof Error
        ? { ...facts, ok: false, kind: 'Unhandled', error: { errorType: answer.name, errorMessage: answer.message, trace: [] } }
        : { ...facts, ok: true, payload: answer };
    },
  };
}
