import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_SYNTH_PATH } from '@shop/tools-local-stack';
import { E2eSupportError } from './errors';
import { workspaceRoot } from './workspace-root';

/** What the dev synth declares for the Products stream's event source mapping (the settings tests depend on). */
export interface MappingSettings {
  readonly maximumRetryAttempts: number;
  readonly batchSize: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** Lanes per shard: records are dealt to them by a hash of their key (`partitionLane`). */
  readonly parallelizationFactor: number;
}

/** Reads the mapping's settings from the synthesized Terraform, so tests follow infra instead of repeating it. */
export function devMappingSettings(): MappingSettings {
  const synth = JSON.parse(readFileSync(path.join(workspaceRoot, DEV_SYNTH_PATH), 'utf8')) as {
    resource?: { aws_lambda_event_source_mapping?: Record<string, Record<string, unknown>> };
  };
  const mappings = Object.values(synth.resource?.aws_lambda_event_source_mapping ?? {});
  const [mapping] = mappings;
  if (!mapping || mappings.length !== 1) throw new E2eSupportError(`${DEV_SYNTH_PATH} declares ${mappings.length} event source mappings; the tests expect one`);
  return {
    maximumRetryAttempts: Number(mapping['maximum_retry_attempts'] ?? -1),
    batchSize: Number(mapping['batch_size'] ?? 100),
    bisectBatchOnFunctionError: mapping['bisect_batch_on_function_error'] === true,
    parallelizationFactor: Number(mapping['parallelization_factor'] ?? 1),
  };
}
