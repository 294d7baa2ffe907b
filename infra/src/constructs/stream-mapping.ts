import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import type { ITerraformDependable } from 'cdktf';
import { ProductsTable } from '@shop/shared-table-design';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { pinAddress } from './policy-document';

const { lastChange } = ProductsTable.replenishmentAttributes;
/** Only inserts and modifications can take stock below a threshold; REMOVE records are dropped by Lambda. */
const CHANGES = ['INSERT', 'MODIFY'];

/**
 * The mapping's filters (Lambda keeps a record that matches any of them). Inserts and
 * modifications, except the consumer's own writes: after its `onOrder` raise the position is
 * covered by construction, so those records could never lead to an order, and they would invoke
 * it once more per order. `anything-but` does not match a missing attribute, so a second filter
 * keeps items that carry no `lastChange` at all (written by hand, or by a writer that predates it).
 * Typed leaves (`{ S: … }`): DynamoDB images are delivered in attribute-value form.
 */
export const STREAM_FILTER_PATTERNS: readonly string[] = [
  JSON.stringify({ eventName: CHANGES, dynamodb: { NewImage: { [lastChange]: { S: [{ 'anything-but': [ProductsTable.replenishmentChangeMark] }] } } } }),
  JSON.stringify({ eventName: CHANGES, dynamodb: { NewImage: { [lastChange]: { S: [{ exists: false }] } } } }),
];

export interface StreamMappingProps {
  readonly address: string;
  readonly streamArn: string;
  readonly functionName: string;
  readonly onFailureDestinationArn: string;
  readonly settings: StageConfig['streamConsumer'];
  /** The role policy that lets the function read the stream: Lambda checks it when the mapping is created. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The Products stream → consumer mapping: partial batch responses, bisect on error, bounded retries
 * and record age (a poison record goes to the DLQ instead of blocking its shard for 24 h), filters
 * for INSERT and MODIFY that drop the consumer's own writes ({@link STREAM_FILTER_PATTERNS}), and
 * the EventCount metrics (FilteredOutEventCount counts what the filters drop).
 */
export class StreamMapping extends Construct {
  readonly mapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: StreamMappingProps) {
    super(scope, id);
    const { settings } = props;
    this.mapping = pinAddress(
      new LambdaEventSourceMapping(this, 'mapping', {
        eventSourceArn: props.streamArn,
        functionName: props.functionName,
        startingPosition: settings.startingPosition,
        batchSize: settings.batchSize,
        maximumBatchingWindowInSeconds: settings.maximumBatchingWindowSeconds,
        parallelizationFactor: settings.parallelizationFactor,
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: settings.maximumRetryAttempts,
        maximumRecordAgeInSeconds: settings.maximumRecordAgeSeconds,
        functionResponseTypes: ['ReportBatchItemFailures'],
        destinationConfig: { onFailure: { destinationArn: props.onFailureDestinationArn } },
        filterCriteria: { filter: STREAM_FILTER_PATTERNS.map((pattern) => ({ pattern })) },
        metricsConfig: { metrics: ['EventCount'] },
        dependsOn: props.dependsOn,
      }),
      props.address,
    );
  }
}
