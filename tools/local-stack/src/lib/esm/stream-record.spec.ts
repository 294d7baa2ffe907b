import { lambdaRecordFromWire } from '@shop/shared-util-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { attachedJson } from '../lambda/invocation';
import { estimateCreation, streamEntry, streamEvent } from './stream-record';

const record = (n: number, name = 'A product'): DynamoDBRecord => ({
  eventID: `e${n}`,
  eventName: 'MODIFY',
  awsRegion: 'us-east-1',
  dynamodb: { Keys: { productId: { S: `p#${n}` } }, NewImage: { productId: { S: `p#${n}` }, name: { S: name }, stock: { N: '3' } }, SequenceNumber: String(100 + n), SizeBytes: 40, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/l',
});

describe('stream entries and events', () => {
  it('sizes a record by the UTF-8 bytes of its JSON (and the comma that joins it), for the 6 MB cut', () => {
    // Act
    const ascii = streamEntry(record(1), '101', 0);
    const accented = streamEntry(record(2, 'Crème brûlée ☕'), '102', 0);

    // Assess
    expect(ascii.payloadBytes).toBe(JSON.stringify(record(1)).length + 1);
    expect(accented.payloadBytes).toBe(Buffer.byteLength(JSON.stringify(record(2, 'Crème brûlée ☕'))) + 1);
    expect(accented.payloadBytes).toBeGreaterThan(JSON.stringify(record(2, 'Crème brûlée ☕')).length + 1);
  });

  it('builds the event with its JSON text joined from the records\' own, equal to serializing the event', () => {
    // Prepare
    const entries = [streamEntry(record(1), '101', 0), streamEntry(record(2, 'Crème'), '102', 0)];

    // Act
    const event = streamEvent(entries);
    const json = attachedJson(event);

    // Assess: an ordinary event for every other invoker, and exactly its JSON for the local runtime
    expect(Object.keys(event)).toEqual(['Records']);
    expect(event.Records).toEqual([record(1), record(2, 'Crème')]);
    expect(json).toBe(JSON.stringify(event));
    expect(JSON.stringify(event)).toBe(JSON.stringify({ Records: [record(1), record(2, 'Crème')] }));
  });

  it('attaches no JSON when an entry has none (the runtime then clones the event)', () => {
    // Act
    const event = streamEvent([{ record: record(1), sequenceNumber: '101', createdAtMs: 0, payloadBytes: 10, matched: true }]);

    // Assess
    expect(attachedJson(event)).toBeUndefined();
  });

  describe('estimateCreation', () => {
    const MINUTE = 1_795_000_020_000; // DynamoDB Local's ApproximateCreationDateTime: a whole minute
    const raw = (reportedMs: number) => ({ dynamodb: { ApproximateCreationDateTime: reportedMs / 1000, SequenceNumber: '1' } });

    it('takes the time a record was read as precise when the previous read had reached the shard\'s tip', () => {
      // Act
      const created = estimateCreation(raw(MINUTE), MINUTE + 12_345, MINUTE + 12_100);
      const converted = lambdaRecordFromWire(raw(MINUTE), { region: 'us-east-1', streamArn: 'arn' }, created);

      // Assess
      expect(created).toEqual({ createdAtMs: MINUTE + 12_345, precise: true });
      expect(converted.dynamodb?.ApproximateCreationDateTime).toBe((MINUTE + 12_345) / 1000);
    });

    it('keeps DynamoDB Local\'s minute for a record read from a backlog, with an age bounded by the end of that minute', () => {
      // Act
      const created = estimateCreation(raw(MINUTE), MINUTE + 600_000, undefined);
      const converted = lambdaRecordFromWire(raw(MINUTE), { region: 'us-east-1', streamArn: 'arn' }, created);

      // Assess
      expect(created).toEqual({ createdAtMs: MINUTE + 59_999, precise: false });
      expect(converted.dynamodb?.ApproximateCreationDateTime).toBe(MINUTE / 1000);
    });

    it('takes a time given with milliseconds as it is', () => {
      // Act & Assess
      expect(estimateCreation(raw(MINUTE + 1_234), MINUTE + 600_000, undefined)).toEqual({ createdAtMs: MINUTE + 1_234, precise: true });
    });
  });
});
