import { isRecord } from '@shop/shared-util-terraform-json';
import { LogLevel, type Logger } from './logger';

/** Keys Powertools repeats on every line; the component and requestId already say them. */
const REPEATED_KEYS = new Set([
  'level', 'message', 'timestamp', 'service', 'cold_start', 'function_arn', 'function_memory_size', 'function_name',
  'function_request_id', 'sampling_rate', 'xray_trace_id',
]);
/** One line a function printed, with the invocation it belongs to. */
export interface FunctionLogLine {
  readonly functionName: string;
  readonly requestId: string | undefined;
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
}

const LEVELS: Record<string, LogLevel> = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', CRITICAL: 'error', SILENT: 'debug' };

/**
 * Logs one line a function printed. Structured lines (Powertools Logger, Lambda's JSON log
 * format) keep their level and message, minus the keys every line repeats; CloudWatch embedded
 * metric lines become a short debug line naming the metrics; anything else is logged as it is
 * (stderr as a warning).
 */
export function logFunctionLine(logger: Logger, { line, requestId, stream }: FunctionLogLine): void {
  let parsed: unknown;
  try {
    parsed = line.startsWith('{') ? JSON.parse(line) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    logger[stream === 'stderr' ? 'warn' : 'info'](line, { requestId });
    return;
  }
  const emf = parsed['_aws'];
  if (isRecord(emf) && Array.isArray(emf['CloudWatchMetrics'])) {
    const names = emf['CloudWatchMetrics'].flatMap((group: Record<string, unknown>) => (Array.isArray(group['Metrics']) ? group['Metrics'] : [])).map((m: Record<string, unknown>) => String(m['Name']));
    logger.debug('metrics', { requestId, ...Object.fromEntries(names.map((name) => [name, parsed[name]])) });
    return;
  }
  const level = LEVELS[String(parsed['level'] ?? '').toUpperCase()] ?? (stream === 'stderr' ? 'warn' : 'info');
  const message = typeof parsed['message'] === 'string' ? parsed['message'] : line;
  const fields = Object.fromEntries(Object.entries(parsed).filter(([key]) => !REPEATED_KEYS.has(key)));
  logger[level](message, { requestId, ...fields });
}
