import { FilterPattern } from '@shop/shared-util-dynamodb-streams';
import { isRecord, type TerraformDocument } from '@shop/shared-util-terraform-json';

/** What a redrive needs to know of the mapping that sent a message. */
export interface RedriveMappingSettings {
  readonly address: string;
  readonly filters: readonly FilterPattern[];
  readonly reportBatchItemFailures: boolean;
}

/**
 * Finds, without resolving anything, the `aws_lambda_event_source_mapping` of a function in a
 * synth (its `function_name` names the function, or refers to the `aws_lambda_function` whose
 * literal `function_name` it is) and reads its filter patterns and response types: enough to
 * redrive against AWS, where nothing else of the synth can be resolved locally.
 *
 * @example
 * mappingSettingsForFunction(TerraformDocument.load('infra/cdktf.out/stacks/shop-prod/cdk.tf.json'), 'shop-prod-replenishment-consumer');
 */
export function mappingSettingsForFunction(synth: TerraformDocument, functionName: string): RedriveMappingSettings[] {
  const functionAddresses = synth
    .resources('aws_lambda_function')
    .filter((fn) => fn.config['function_name'] === functionName)
    .map((fn) => fn.address);
  return synth
    .resources('aws_lambda_event_source_mapping')
    .filter((mapping) => {
      const name = String(mapping.config['function_name'] ?? '');
      return name === functionName || name.endsWith(`:function:${functionName}`) || functionAddresses.some((address) => name.startsWith(`\${${address}.`));
    })
    .map((mapping) => {
      const criteria = mapping.config['filter_criteria'];
      const block = Array.isArray(criteria) ? criteria[0] : criteria;
      const filters = isRecord(block) ? (Array.isArray(block['filter']) ? block['filter'] : block['filter'] ? [block['filter']] : []) : [];
      const responseTypes = mapping.config['function_response_types'];
      return {
        address: mapping.address,
        filters: filters.map((filter: Record<string, unknown>) => FilterPattern.parse(String(filter['pattern']))),
        reportBatchItemFailures: Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
      };
    });
}
