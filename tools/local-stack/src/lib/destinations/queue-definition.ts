import path from 'node:path';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { checkAttributes, type AttributePolicy, type InertAttribute } from '../terraform/attribute-policy';
import { hasInterpolation, sqsQueueArn, sqsQueueUrl, type TerraformDocument } from '@shop/shared-util-terraform-json';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import type { ReferenceResolver } from '../terraform/reference-resolver';
import { assertPlainResource } from '../terraform/resource-checks';
import { LocalQueue } from './local-queue';

const QUEUE_POLICY: AttributePolicy = {
  applied: ['name', 'fifo_queue'],
  inert: {
    message_retention_seconds: 'the local queue keeps messages until you delete them',
    visibility_timeout_seconds: 'nothing consumes the local queue',
    receive_wait_time_seconds: 'nothing consumes the local queue',
    delay_seconds: 'messages are stored at once',
    max_message_size: 'on-failure messages are small',
    kms_master_key_id: 'nothing is encrypted locally',
    kms_data_key_reuse_period_seconds: 'nothing is encrypted locally',
    sqs_managed_sse_enabled: 'nothing is encrypted locally',
    policy: 'queue policies are not evaluated locally (infra tests check them)',
    redrive_policy: 'SQS redrive is not emulated',
    redrive_allow_policy: 'SQS redrive is not emulated',
  },
  unsupported: { name_prefix: 'give the queue a name', content_based_deduplication: 'FIFO queues cannot be on-failure destinations of stream mappings' },
};

export interface QueueDefinitions {
  readonly queues: readonly LocalQueue[];
  readonly inert: readonly InertAttribute[];
}

/**
 * Creates a {@link LocalQueue} under `<stateDirectory>/dlq/<name>` for every `aws_sqs_queue`, and
 * registers its attributes (name, arn, url, id) for references.
 */
export function readQueues(synth: TerraformDocument, resolver: ReferenceResolver, region: string, stateDirectory: string): QueueDefinitions {
  const inert: InertAttribute[] = [];
  const queues = synth.resources('aws_sqs_queue').map((resource) => {
    assertPlainResource(resource);
    inert.push(...checkAttributes(resource, QUEUE_POLICY));
    if (resource.config['fifo_queue'] === true) {
      throw new UnsupportedAttributeError(resource.address, 'fifo_queue', 'FIFO queues cannot be on-failure destinations of stream mappings');
    }
    const name = (resource.config['name'] as string | undefined) ?? resource.name;
    if (typeof name !== 'string' || hasInterpolation(name) || !/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new InvalidResourceError(resource.address, 'name must be a literal of 1-80 letters, digits, - or _');
    }
    const queue = new LocalQueue({
      name,
      arn: sqsQueueArn(localAwsEnvironment(region), name),
      url: sqsQueueUrl(localAwsEnvironment(region), name),
      directory: path.join(stateDirectory, 'dlq', name),
    });
    resolver.register(resource.address, { id: queue.url, url: queue.url, arn: queue.arn, name });
    return queue;
  });
  return { queues, inert };
}
