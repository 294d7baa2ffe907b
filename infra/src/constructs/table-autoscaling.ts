import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import type { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { TableDesign } from '@shop/shared-table-design';
import { Construct } from 'constructs';
import { snakeCase } from './naming';
import { pinAddress } from './policy-document';

export interface AutoscaledCapacity {
  readonly min: number;
  readonly max: number;
  readonly targetUtilizationPercent: number;
}

export interface TableAutoscalingProps {
  readonly table: DynamodbTable;
  readonly design: TableDesign;
  readonly read: AutoscaledCapacity;
  readonly write: AutoscaledCapacity;
}

/** Target-tracking autoscaling of read and write capacity, for a provisioned table and each of its indexes. */
export class TableAutoscaling extends Construct {
  constructor(scope: Construct, id: string, props: TableAutoscalingProps) {
    super(scope, id);
    const scaled = [
      { level: 'table', resourceId: `table/${props.table.name}`, name: props.design.id },
      ...props.design.globalSecondaryIndexes.map((index) => ({
        level: 'index',
        resourceId: `table/${props.table.name}/index/${index.indexName}`,
        name: `${props.design.id}_${snakeCase(index.indexName)}`,
      })),
    ];
    for (const { level, resourceId, name } of scaled) {
      for (const [unit, capacity, metric] of [
        ['Read', props.read, 'DynamoDBReadCapacityUtilization'],
        ['Write', props.write, 'DynamoDBWriteCapacityUtilization'],
      ] as const) {
        const address = `${name}_${unit.toLowerCase()}`;
        const target = pinAddress(
          new AppautoscalingTarget(this, `${address}-target`, {
            serviceNamespace: 'dynamodb',
            resourceId,
            scalableDimension: `dynamodb:${level}:${unit}CapacityUnits`,
            minCapacity: capacity.min,
            maxCapacity: capacity.max,
          }),
          address,
        );
        pinAddress(
          new AppautoscalingPolicy(this, `${address}-policy`, {
            name: `${resourceId.replaceAll('/', '-')}-${unit.toLowerCase()}-target-tracking`,
            policyType: 'TargetTrackingScaling',
            serviceNamespace: target.serviceNamespace,
            resourceId: target.resourceId,
            scalableDimension: target.scalableDimension,
            targetTrackingScalingPolicyConfiguration: {
              targetValue: capacity.targetUtilizationPercent,
              predefinedMetricSpecification: { predefinedMetricType: metric },
            },
          }),
          address,
        );
      }
    }
  }
}
