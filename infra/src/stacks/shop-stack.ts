import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

export interface ShopStackProps {
  readonly stage: string;
  readonly region: string;
}

export class ShopStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: props.region, defaultTags: [{ tags: { project: 'shop', stage: props.stage } }] });
  }
}
