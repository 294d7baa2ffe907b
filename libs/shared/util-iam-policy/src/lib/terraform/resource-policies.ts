import { evaluateTerraformValue, resourcesOfType, type TerraformBlock, type TerraformJson, type TerraformReferenceResolver } from '@shop/shared-util-terraform-json';
import { PolicyKind } from '../constants';
import { TerraformPolicyError } from '../errors';
import type { NamedPolicy } from '../types';
import { policyDocument, withPolicyDocuments } from './policy-documents';

type Target = (block: TerraformBlock, evaluate: (value: unknown) => string) => string;

/** Where each resource type keeps its resource-based policy, and which ARN that policy governs. */
const SOURCES: ReadonlyArray<readonly [type: string, target: Target]> = [
  ['aws_kms_key', (b, evaluate) => evaluate(`\${${b.address}.arn}`)],
  ['aws_sqs_queue', (b, evaluate) => evaluate(`\${${b.address}.arn}`)],
  ['aws_sns_topic', (b, evaluate) => evaluate(`\${${b.address}.arn}`)],
  ['aws_kms_key_policy', (b, evaluate) => kmsKeyArn(b, evaluate(b.config['key_id']))],
  ['aws_sqs_queue_policy', (b, evaluate) => sqsQueueArn(b, evaluate(b.config['queue_url']))],
  ['aws_sns_topic_policy', (b, evaluate) => evaluate(b.config['arn'])],
  ['aws_dynamodb_resource_policy', (b, evaluate) => evaluate(b.config['resource_arn'])],
];

/**
 * The resource-based policies of a synth, by the ARN of the resource they govern: KMS key policies,
 * SQS queue policies, SNS topic policies and DynamoDB resource policies.
 *
 * @throws TerraformPolicyError when two policies govern one resource (AWS keeps one; Terraform would flap)
 * @example
 * const policies = extractResourcePolicies(synth, { resolve });
 * await evaluateRoleAccess(role, 'sqs:SendMessage', dlqArn, { resourcePolicy: policies.get(dlqArn) });
 */
export function extractResourcePolicies(synth: TerraformJson, options: { readonly resolve: TerraformReferenceResolver }): Map<string, NamedPolicy> {
  const resolve = withPolicyDocuments(synth, options.resolve);
  const byResource = new Map<string, NamedPolicy>();
  for (const [type, target] of SOURCES) {
    for (const block of resourcesOfType(synth, type)) {
      if (block.config['policy'] === undefined || block.config['policy'] === '') continue;
      const evaluate = (value: unknown) => String(evaluateTerraformValue(value, resolve));
      const arn = target(block, evaluate);
      const existing = byResource.get(arn);
      if (existing) throw new TerraformPolicyError(block.address, `${existing.address} already sets the policy of ${arn}; AWS keeps only one`);
      const document = policyDocument(block.address, evaluateTerraformValue(block.config['policy'], resolve));
      byResource.set(arn, { name: block.address, kind: PolicyKind.Resource, address: block.address, document });
    }
  }
  return byResource;
}

/** `key_id` may be a key id or a key ARN; the policy governs the key's ARN either way. */
function kmsKeyArn(block: TerraformBlock, keyId: string): string {
  if (keyId.startsWith('arn:')) return keyId;
  throw new TerraformPolicyError(block.address, `key_id ${keyId} is not an ARN; reference the key's arn`);
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → `arn:aws:sqs:<region>:<account>:<name>` */
function sqsQueueArn(block: TerraformBlock, url: string): string {
  const match = /^https:\/\/sqs\.([^.]+)\.amazonaws\.com(\.cn)?\/(\d{12})\/([^/]+)$/.exec(url);
  if (!match) throw new TerraformPolicyError(block.address, `queue_url ${url} is not an SQS queue URL`);
  const [, region, china, account, name] = match;
  return `arn:${china ? 'aws-cn' : 'aws'}:sqs:${region}:${account}:${name}`;
}
