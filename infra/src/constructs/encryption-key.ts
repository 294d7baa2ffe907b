import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { pinAddress, policyDocument } from './policy-document';

export interface EncryptionKeyProps {
  readonly namePrefix: string;
  readonly accountId: string;
  readonly partition: string;
  readonly deletionWindowDays: number;
}

/**
 * The stage's customer-managed KMS key (rotation on) for the tables, their stream, the DLQ and the
 * alarm topic. The key policy delegates to IAM (the roles say who may use the key, and only via
 * DynamoDB or SQS) and lets CloudWatch alarms publish to the encrypted topic.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    this.key = pinAddress(
      new KmsKey(this, 'key', {
        description: `${props.namePrefix}: tables, stream, dead-letter queue and alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: props.deletionWindowDays,
        // A key policy's Resource is always "*": it means this key.
        policy: policyDocument(this, 'data_key', [
          {
            Sid: 'AccountAdministersKeyAndDelegatesToIam',
            Effect: 'Allow',
            Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
            Action: ['kms:*'],
            Resource: ['*'],
          },
          {
            Sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: ['*'],
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ]).json,
      }),
      'data_key',
    );
    this.alias = pinAddress(new KmsAlias(this, 'alias', { name: `alias/${props.namePrefix}-data`, targetKeyId: this.key.keyId }), 'data_key');
  }
}
