import { FailureCondition } from '../destinations/failure-message';
import { onFailureMessage } from '../esm/on-failure-message';
import { InvalidOnFailureMessageError } from '../errors';
import { parseOnFailureRecord } from './on-failure-record';

const message = onFailureMessage({
  condition: FailureCondition.RecordAgeExceeded,
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
  shardId: 'shardId-00000001795746375414-046431fe',
  streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/2026-11-27T02:26:15.400',
  entries: [{ sequenceNumber: '000000000000000000007', createdAtMs: 0, payloadBytes: 10, matched: true, record: { dynamodb: { ApproximateCreationDateTime: 1_795_000_000 } } }],
  invokeCount: 0,
});

describe('parseOnFailureRecord', () => {
  it('reads what the local stack writes, which is what Lambda writes', () => {
    // Act
    const parsed = parseOnFailureRecord('m-1', JSON.stringify(message));

    // Assess
    expect(parsed).toEqual(message);
  });

  it.each([
    ['is not JSON', 'not json', 'the body is not JSON'],
    ['has another version', JSON.stringify({ ...message, version: '2.0' }), 'version is "2.0"'],
    ['has an unknown condition', JSON.stringify({ ...message, requestContext: { ...message.requestContext, condition: 'Whatever' } }), 'requestContext.condition "Whatever" is not one of'],
    ['is not from a stream mapping', JSON.stringify({ ...message, DDBStreamBatchInfo: undefined }), 'DDBStreamBatchInfo is missing'],
    ['has its range backwards', JSON.stringify({ ...message, DDBStreamBatchInfo: { ...message.DDBStreamBatchInfo, startSequenceNumber: '9', endSequenceNumber: '8' } }), 'startSequenceNumber is after endSequenceNumber'],
    ['names another kind of stream', JSON.stringify({ ...message, DDBStreamBatchInfo: { ...message.DDBStreamBatchInfo, streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/x' } }), 'not a DynamoDB stream ARN'],
  ])('refuses a body that %s', (_label, body, problem) => {
    // Act & Assess
    expect(() => parseOnFailureRecord('m-1', body)).toThrow(InvalidOnFailureMessageError);
    expect(() => parseOnFailureRecord('m-1', body)).toThrow(problem);
  });
});
