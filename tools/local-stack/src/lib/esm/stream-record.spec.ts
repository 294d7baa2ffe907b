import type { DynamoDBRecord } from 'aws-lambda';
import { attachedJson } from '../lambda/invocation';
import { streamEntry, streamEvent } from './stream-record';

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
});
