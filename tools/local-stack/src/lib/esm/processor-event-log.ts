import type { Logger } from '../logging/logger';
import type { ProcessorEvent } from './batch-processor';

/**
 * The log line (if any) for what the batch processor did: failed invocations, reported failures
 * and bisections as warnings and information, records given up on as errors.
 *
 * @example
 * new BatchProcessor({ …, onEvent: (event) => logProcessorEvent(logger, event) });
 */
export function logProcessorEvent(logger: Logger, event: ProcessorEvent): void {
  if (event.type === 'invoked' && !event.result.ok) {
    logger.warn('invocation failed', { records: event.entries.length, error: `${event.result.error.errorType}: ${event.result.error.errorMessage}` });
  } else if (event.type === 'invoked' && event.failedFrom !== undefined) {
    logger.warn('batch reported failures', { records: event.entries.length, retryFrom: event.entries[event.failedFrom]?.sequenceNumber });
  } else if (event.type === 'discarded') {
    const range = `${event.entries[0]?.sequenceNumber}..${event.entries[event.entries.length - 1]?.sequenceNumber}`;
    logger.error(event.delivered ? 'records sent to the on-failure destination' : 'records dropped (no on-failure destination)', { condition: event.condition, records: event.entries.length, range });
  } else if (event.type === 'bisected') {
    logger.info('batch bisected', { sizes: event.sizes.join('+') });
  }
}
