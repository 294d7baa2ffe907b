import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { keyAttributes, physicalTableName, TABLES, type TableDesign } from '@shop/shared-table-design';
import { Construct } from 'constructs';
import { BillingMode, type StageConfig } from '../config/stage-config';
import { pinAddress } from './policy-document';
import { TableAutoscaling } from './table-autoscaling';

export type TableId = TableDesign['id'];

export interface ShopTablesProps {
  readonly namePrefix: string;
  readonly billing: StageConfig['tables']['billing'];
  readonly deletionProtection: boolean;
  readonly kmsKeyArn: string;
}

/**
 * The three tables, built from `@shop/shared-table-design` (keys, indexes, stream): nothing about
 * their shape is written here. Encrypted with the stage key, point-in-time recovery on, on-demand
 * unless the stage asks for provisioned capacity with autoscaling.
 */
export class ShopTables extends Construct {
  readonly products: DynamodbTable;
  readonly orders: DynamodbTable;
  readonly replenishment: DynamodbTable;
  /** Each table with its design, in the design's order. */
  readonly all: ReadonlyArray<{ readonly design: TableDesign; readonly table: DynamodbTable }>;

  constructor(scope: Construct, id: string, props: ShopTablesProps) {
    super(scope, id);
    const { billing } = props;
    const provisioned = billing.mode === BillingMode.Provisioned ? billing : undefined;
    const designs: readonly TableDesign[] = TABLES;

    this.all = designs.map((design) => {
      const table = pinAddress(
        new DynamodbTable(this, design.id, {
          name: physicalTableName(props.namePrefix, design),
          billingMode: billing.mode,
          hashKey: design.partitionKey.name,
          rangeKey: design.sortKey?.name,
          attribute: keyAttributes(design).map(({ name, type }) => ({ name, type })),
          globalSecondaryIndex: design.globalSecondaryIndexes.map((index) => ({
            name: index.indexName,
            hashKey: index.partitionKey.name,
            rangeKey: index.sortKey?.name,
            projectionType: index.projection,
            ...(provisioned ? { readCapacity: provisioned.read.min, writeCapacity: provisioned.write.min } : {}),
          })),
          streamEnabled: design.stream !== undefined,
          streamViewType: design.stream,
          serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
          pointInTimeRecovery: { enabled: true },
          deletionProtectionEnabled: props.deletionProtection,
          ...(provisioned
            ? {
                readCapacity: provisioned.read.min,
                writeCapacity: provisioned.write.min,
                // Autoscaling owns the capacity from here on; Terraform must not reset it.
                lifecycle: { ignoreChanges: ['read_capacity', 'write_capacity'] },
              }
            : {}),
        }),
        design.id,
      );
      if (provisioned) {
        new TableAutoscaling(this, `${design.id}-autoscaling`, { table, design, read: provisioned.read, write: provisioned.write });
      }
      return { design, table };
    });

    const byId = (tableId: TableId): DynamodbTable => {
      const found = this.all.find((entry) => entry.design.id === tableId);
      if (!found) throw new Error(`The table design has no "${tableId}" table`);
      return found.table;
    };
    this.products = byId('products');
    this.orders = byId('orders');
    this.replenishment = byId('replenishment');
  }
}
