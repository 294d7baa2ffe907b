import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import type { ITerraformDependable } from 'cdktf';
import { REPLENISHMENT_STREAM_FILTERS } from '@shop/shared-table-design';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { pinAddress } from './policy-document';

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
 * for INSERT and MODIFY that drop the consumer's own writes (`REPLENISHMENT_STREAM_FILTERS`), and
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
        // INSERT and MODIFY except the consumer's own writes; always an item with no mark (see there).
        filterCriteria: { filter: REPLENISHMENT_STREAM_FILTERS.map((pattern) => ({ pattern })) },
        metricsConfig: { metrics: ['EventCount'] },
        dependsOn: props.dependsOn,
      }),
      props.address,
    );
  }
}
