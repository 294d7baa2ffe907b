import { MAX_BATCH_PAYLOAD_BYTES } from '../constants';
import { ShardLane } from './shard-lane';
import type { StreamEntry } from './stream-record';

const entry = (n: number, payloadBytes = 100): StreamEntry => ({
  sequenceNumber: String(n),
  createdAtMs: 0,
  payloadBytes,
  matched: true,
  record: { eventID: `e${n}`, dynamodb: { SequenceNumber: String(n) } },
});

describe('ShardLane', () => {
  it('cuts a batch at 6 MB of payload before BatchSize', () => {
    // Prepare: 2.5 MB records, BatchSize 10.
    const lane = new ShardLane(0, 10, 0);
    for (let n = 1; n <= 5; n++) lane.push(entry(n, 2.5 * 1024 * 1024), 0);

    // Act
    const batches = [lane.take(), lane.take(), lane.take()];

    // Assess
    expect(batches.map((batch) => batch.map((e) => e.sequenceNumber))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(batches.every((batch) => batch.reduce((n, e) => n + e.payloadBytes, 0) <= MAX_BATCH_PAYLOAD_BYTES)).toBe(true);
  });

  it('still delivers a single record larger than the cut, alone', () => {
    // Prepare
    const lane = new ShardLane(0, 10, 0);
    lane.push(entry(1, MAX_BATCH_PAYLOAD_BYTES + 1), 0);
    lane.push(entry(2), 0);

    // Act & Assess
    expect(lane.take().map((e) => e.sequenceNumber)).toEqual(['1']);
  });

  it('holds a batch for MaximumBatchingWindowInSeconds unless it is full, 6 MB, or the shard ended', () => {
    // Prepare
    const lane = new ShardLane(0, 3, 1000);

    // Act & Assess
    expect(lane.dueIn(0, false)).toBeUndefined();
    lane.push(entry(1), 1_000);
    expect(lane.dueIn(1_400, false)).toBe(600);
    expect(lane.dueIn(1_400, true)).toBe(0);
    expect(lane.dueIn(2_000, false)).toBe(0);
    lane.push(entry(2), 1_500);
    lane.push(entry(3), 1_600);
    expect(lane.dueIn(1_600, false)).toBe(0);
    const big = new ShardLane(0, 100, 1000);
    big.push(entry(1, MAX_BATCH_PAYLOAD_BYTES), 0);
    expect(big.dueIn(1, false)).toBe(0);
  });
});
