/**
 * Opt-in X-Ray tracing: a separate entry point so that functions which do not trace never bundle
 * aws-xray-sdk-core (see createObservability for the measured cost).
 *
 * @example
 * const tracer = createTracer('orders-api');
 * tracer.captureAWSv3Client(dynamoDbClient);
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

export function createTracer(serviceName: string): Tracer {
  return new Tracer({ serviceName });
}
