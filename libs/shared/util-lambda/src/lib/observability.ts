import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

/**
 * Logger (structured JSON), Metrics (CloudWatch EMF) and Tracer (X-Ray) for one function, created
 * once per container. Service name and log level come from the standard Powertools variables
 * (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL) that infra sets; `serviceName` is the fallback.
 * Off Lambda the tracer is disabled by Powertools itself, so this is harmless locally.
 */
export function createObservability(serviceName: string, namespace = 'Shop'): Observability {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace }),
    tracer: new Tracer({ serviceName }),
  };
}
