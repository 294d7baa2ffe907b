/**
 * Stream errors that retrying cannot fix: the consumer's role may not read the stream. AWS
 * leaves such a mapping in a PROBLEM state instead of polling on; so does the local stack.
 */
const FATAL_ERROR_NAMES: ReadonlySet<string> = new Set(['AccessDeniedException', 'UnrecognizedClientException']);

/** Whether a DynamoDB Streams error ends the mapping instead of being retried. */
export function isFatalStreamError(error: unknown): boolean {
  return error instanceof Error && FATAL_ERROR_NAMES.has(error.name);
}
