import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hasEventCounts, type LocalQueueMessage, type MappingMetricsEntryWithEventCounts, type MetricsFile, type OnFailureMessage } from '@shop/tools-local-stack';
import { E2eSupportError } from './errors';

/** The one mapping of the dev stack (Products stream → replenishment consumer) in `<stateDirectory>/metrics.json`. */
export function readMappingMetrics(stateDirectory: string): MappingMetricsEntryWithEventCounts {
  const file = path.join(stateDirectory, 'metrics.json');
  if (!existsSync(file)) throw new E2eSupportError(`${file} does not exist: is the stack running?`);
  const { mappings } = JSON.parse(readFileSync(file, 'utf8')) as MetricsFile;
  const [mapping, ...others] = mappings;
  if (!mapping || others.length > 0) throw new E2eSupportError(`${file} lists ${mappings.length} mappings; the dev stack has one`);
  if (!hasEventCounts(mapping)) throw new E2eSupportError(`${file}: the mapping has no EventCount metrics (its synth's metrics_config does not ask for them)`);
  return mapping;
}

/** A message of the local DLQ, with its SQS body parsed. */
export interface DlqMessage extends LocalQueueMessage {
  readonly body: OnFailureMessage;
}

/** Every message of the local DLQ (`<dlq directory>/*.json`), oldest first. */
export function readDlq(directory: string): DlqMessage[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as LocalQueueMessage)
    .map((message) => ({ ...message, body: JSON.parse(message.Body) as OnFailureMessage }));
}
