import { iamUserArn, type TerraformDocument } from '@shop/shared-util-terraform-json';
import { AWS_PARTITION, LOCAL_ACCOUNT_ID, localAwsEnvironment } from './local-aws-environment';
import type { ReferenceResolver } from './reference-resolver';

/**
 * Registers what the common AWS data sources read (`data.aws_caller_identity.x.account_id`,
 * `data.aws_region.x.name`, `data.aws_partition.x.partition`) with their local values. Other
 * data sources stay unregistered: a reference to one is an error where it is used.
 */
export function registerDataSources(synth: TerraformDocument, resolver: ReferenceResolver, region: string): void {
  for (const source of synth.dataSources('aws_caller_identity')) {
    resolver.register(source.address, { id: LOCAL_ACCOUNT_ID, account_id: LOCAL_ACCOUNT_ID, arn: iamUserArn(localAwsEnvironment(region), 'local'), user_id: 'local' });
  }
  for (const source of synth.dataSources('aws_region')) {
    resolver.register(source.address, { id: region, name: region, region, endpoint: `${region}.amazonaws.com`, description: region });
  }
  for (const source of synth.dataSources('aws_partition')) {
    resolver.register(source.address, { id: AWS_PARTITION, partition: AWS_PARTITION, dns_suffix: 'amazonaws.com', reverse_dns_prefix: 'com.amazonaws' });
  }
}
