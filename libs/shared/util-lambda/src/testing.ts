/**
 * Test helpers for Lambda handlers. Not part of the production API.
 *
 * @example
 * const response = await handler(event, lambdaContext({ awsRequestId: 'req-42' }));
 */
import type { Context } from 'aws-lambda';

/** A Lambda context for calling a handler in a test. */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'shop-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:shop-function',
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/shop-function',
    logStreamName: '2026/01/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
