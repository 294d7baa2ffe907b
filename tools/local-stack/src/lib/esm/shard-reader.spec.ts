import { FakeStream } from '../../testing/fake-stream';
import { ShardReader, type ReaderRecovery } from './shard-reader';

const STREAM = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/label';

/** Reads until `count` records came back (or 20 calls), as the shard worker would. */
async function readAll(reader: ShardReader, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let call = 0; call < 20 && seen.length < count; call++) {
    const records = await reader.read(2);
    seen.push(...records.map((r) => r.dynamodb?.SequenceNumber as string));
  }
  return seen;
}

describe('ShardReader', () => {
  it('survives an expired iterator, a shard not found and trimmed data without losing or repeating a record', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const written = ['a', 'b', 'c', 'd', 'e'].map((key) => stream.put('shard-1', key));
    const recoveries: ReaderRecovery[] = [];
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'TRIM_HORIZON' }, (r) => recoveries.push(r));
    await reader.read(2); // a, b
    stream.inject('ExpiredIterator', 'ShardNotFound', 'Trimmed');

    // Act
    const rest = await readAll(reader, 3);

    // Assess
    expect(rest).toEqual(written.slice(2));
    expect(recoveries.map((r) => r.problem)).toEqual(['ExpiredIterator', 'ShardNotFound', 'TrimmedData']);
    expect(stream.calls.filter((c) => c.includes('AFTER_SEQUENCE_NUMBER'))).toEqual([
      `GetShardIterator shard-1 AFTER_SEQUENCE_NUMBER ${written[1]}`,
      `GetShardIterator shard-1 AFTER_SEQUENCE_NUMBER ${written[1]}`,
      `GetShardIterator shard-1 AFTER_SEQUENCE_NUMBER ${written[1]}`,
    ]);
  });

  it('keeps reading an open shard when DynamoDB Local omits NextShardIterator', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const first = stream.put('shard-1', 'a');
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'TRIM_HORIZON' });
    stream.inject('OmitNextShardIterator');
    await reader.read(10);
    const second = stream.put('shard-1', 'b');

    // Act
    const next = await reader.read(10);

    // Assess
    expect(next.map((r) => r.dynamodb?.SequenceNumber)).toEqual([second]);
    expect(reader.ended).toBe(false);
    expect(stream.calls).toContain(`GetShardIterator shard-1 AFTER_SEQUENCE_NUMBER ${first}`);
  });

  it('ends once a closed shard is drained', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const [a, b] = [stream.put('shard-1', 'a'), stream.put('shard-1', 'b')];
    stream.close('shard-1');
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: a });
    reader.markClosed(b);

    // Act
    const records = await reader.read(10);

    // Assess
    expect(records.map((r) => r.dynamodb?.SequenceNumber)).toEqual([b]);
    expect(reader.ended).toBe(true);
    expect(await reader.read(10)).toEqual([]);
  });

  it('reads a shard that is empty at a LATEST start from TRIM_HORIZON, so nothing written after the start is lost', async () => {
    // Prepare: Local's quirk: the first read after a write fails with TrimmedDataAccessException.
    const stream = new FakeStream().addShard('shard-1');
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'LATEST' });
    await reader.read(10);
    const written = [stream.put('shard-1', 'a'), stream.put('shard-1', 'b')];
    stream.inject('Trimmed');

    // Act
    const records = await readAll(reader, 2);

    // Assess
    expect(records).toEqual(written);
    expect(stream.calls.some((c) => c.endsWith(' LATEST'))).toBe(false);
  });

  it('starts at LATEST on a shard that already has records', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    stream.put('shard-1', 'before');
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'LATEST' });
    await reader.read(10);
    const after = stream.put('shard-1', 'after');

    // Act
    const records = await readAll(reader, 1);

    // Assess
    expect(records).toEqual([after]);
    expect(stream.calls.some((c) => c.endsWith(' LATEST'))).toBe(false); // resolved to a position
  });

  it('loses nothing to Local\'s trimmed-data quirk on the first read after a LATEST start', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const before = stream.put('shard-1', 'before');
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'LATEST' });
    await reader.read(10);
    const written = [stream.put('shard-1', 'a'), stream.put('shard-1', 'b')];
    stream.inject('Trimmed');

    // Act
    const records = await readAll(reader, 2);

    // Assess
    expect(records).toEqual(written);
    expect(stream.calls).toContain(`GetShardIterator shard-1 AFTER_SEQUENCE_NUMBER ${before}`);
  });

  it('renews an iterator left unused for 14 minutes before it expires, right after the last record', async () => {
    // Prepare
    let now = 1_000_000;
    const stream = new FakeStream().addShard('shard-1');
    const first = stream.put('shard-1', 'a');
    const recoveries: ReaderRecovery[] = [];
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'TRIM_HORIZON' }, (r) => recoveries.push(r), () => now);
    await reader.read(10);
    const second = stream.put('shard-1', 'b');
    now += 14 * 60 * 1000;

    // Act
    const records = await reader.read(10);

    // Assess
    expect(records.map((r) => r.dynamodb?.SequenceNumber)).toEqual([second]);
    expect(recoveries.map((r) => r.problem)).toEqual(['StaleIterator']);
    expect(stream.calls).toContain(`GetShardIterator shard-1 AFTER_SEQUENCE_NUMBER ${first}`);
  });

  it('leaves its iterator alone on a network error, so the retry reads the same records', async () => {
    // Prepare
    const stream = new FakeStream().addShard('shard-1');
    const written = [stream.put('shard-1', 'a'), stream.put('shard-1', 'b')];
    const reader = new ShardReader(stream.client, STREAM, 'shard-1', { type: 'TRIM_HORIZON' });
    stream.inject('ConnectionReset');

    // Act
    const failed = reader.read(10);
    await expect(failed).rejects.toMatchObject({ code: 'ECONNRESET' });
    const records = await reader.read(10);

    // Assess
    expect(records.map((r) => r.dynamodb?.SequenceNumber)).toEqual(written);
    expect(stream.calls.filter((c) => c.startsWith('GetShardIterator'))).toHaveLength(1);
  });
});
