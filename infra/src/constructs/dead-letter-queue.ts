import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Construct } from 'constructs';
import { pinAddress, policyDocument } from './policy-document';

/** 14 days, SQS's maximum: time to notice, investigate and redrive. */
export const DLQ_RETENTION_SECONDS = 14 * 24 * 60 * 60;

export interface DeadLetterQueueProps {
  readonly address: string;
  readonly queueName: string;
  readonly kmsKeyArn: string;
}

/**
 * Where the stream mapping sends the metadata of a batch it gave up on (not the records: those are
 * re-read from the stream within its 24 h). KMS-encrypted, 14-day retention, TLS-only.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: SqsQueue;
  readonly policy: SqsQueuePolicy;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = pinAddress(
      new SqsQueue(this, 'queue', {
        name: props.queueName,
        messageRetentionSeconds: DLQ_RETENTION_SECONDS,
        kmsMasterKeyId: props.kmsKeyArn,
        kmsDataKeyReusePeriodSeconds: 300,
      }),
      props.address,
    );
    this.policy = pinAddress(
      new SqsQueuePolicy(this, 'policy', {
        queueUrl: this.queue.url,
        policy: policyDocument(this, props.address, [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: ['sqs:*'],
            Resource: [this.queue.arn],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]).json,
      }),
      props.address,
    );
  }
}
