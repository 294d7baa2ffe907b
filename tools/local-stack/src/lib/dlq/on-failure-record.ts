import { InvalidOnFailureMessageError } from '../errors';
import { FailureCondition, type OnFailureMessage } from '../destinations/failure-message';
import { isRecord } from '@shop/shared-util-terraform-json';

/**
 * Reads the body of an on-failure message as Lambda writes it for a DynamoDB stream (SQS or SNS
 * destination): `requestContext`, `version` "1.0" and `DDBStreamBatchInfo` with the shard and the
 * sequence number range of the failed records. Anything else is an
 * {@link InvalidOnFailureMessageError}, before any record is read or any function invoked.
 *
 * @example
 * const record = parseOnFailureRecord(message.MessageId, message.Body);
 * record.DDBStreamBatchInfo.startSequenceNumber;
 */
export function parseOnFailureRecord(messageId: string, body: string): OnFailureMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidOnFailureMessageError(messageId, 'the body is not JSON');
  }
  const fail = (problem: string): never => {
    throw new InvalidOnFailureMessageError(messageId, problem);
  };
  if (!isRecord(parsed)) return fail('the body is not a JSON object');
  if (parsed['version'] !== '1.0') fail(`version is ${JSON.stringify(parsed['version'])}, not "1.0"`);
  const context = parsed['requestContext'];
  if (!isRecord(context)) return fail('requestContext is missing');
  if (typeof context['functionArn'] !== 'string' || !context['functionArn'].startsWith('arn:')) fail('requestContext.functionArn is not an ARN');
  if (!(Object.values(FailureCondition) as unknown[]).includes(context['condition'])) {
    fail(`requestContext.condition ${JSON.stringify(context['condition'])} is not one of ${Object.values(FailureCondition).join(', ')}`);
  }
  const info = parsed['DDBStreamBatchInfo'];
  if (!isRecord(info)) return fail('DDBStreamBatchInfo is missing (is this a DynamoDB stream mapping\'s message?)');
  for (const field of ['shardId', 'startSequenceNumber', 'endSequenceNumber', 'streamArn'] as const) {
    if (typeof info[field] !== 'string' || info[field] === '') fail(`DDBStreamBatchInfo.${field} is missing`);
  }
  for (const field of ['startSequenceNumber', 'endSequenceNumber'] as const) {
    if (!/^\d+$/.test(info[field] as string)) fail(`DDBStreamBatchInfo.${field} is not a sequence number`);
  }
  if (BigInt(info['startSequenceNumber'] as string) > BigInt(info['endSequenceNumber'] as string)) fail('DDBStreamBatchInfo.startSequenceNumber is after endSequenceNumber');
  if (!/^arn:[^:]+:dynamodb:[^:]+:\d{12}:table\/[^/]+\/stream\/.+$/.test(info['streamArn'] as string)) fail('DDBStreamBatchInfo.streamArn is not a DynamoDB stream ARN');
  if (!Number.isInteger(info['batchSize']) || (info['batchSize'] as number) < 1) fail('DDBStreamBatchInfo.batchSize is not a positive integer');
  return parsed as unknown as OnFailureMessage;
}
