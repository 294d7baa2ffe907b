import { ShardProgress } from './shard-progress';

describe('ShardProgress', () => {
  it('moves the shard checkpoint only over records every lane is done with', () => {
    // Prepare
    const progress = new ShardProgress(2, undefined);
    progress.admit('1', 0);
    progress.admit('2', 1);
    progress.skip('3'); // filtered out
    progress.admit('4', 1);

    // Act
    const afterLane1 = progress.complete(1, '4');
    const afterLane0 = progress.complete(0, '1');

    // Assess
    expect(afterLane1).toEqual({ finished: false, lanes: { factor: 2, sequenceNumbers: [null, '4'] } });
    expect(afterLane0).toEqual({ sequenceNumber: '4', finished: false, lanes: { factor: 2, sequenceNumbers: ['1', '4'] } });
    expect(progress.pendingCount).toBe(0);
  });

  it('after a restart, refuses records a lane had already done and moves past them', () => {
    // Prepare
    const progress = new ShardProgress(2, { sequenceNumber: '10', finished: false, lanes: { factor: 2, sequenceNumbers: ['10', '13'] } });

    // Act
    const admitted = [progress.admit('11', 0), progress.admit('12', 1), progress.admit('13', 1), progress.admit('14', 1)];
    const checkpoint = progress.complete(0, '11');

    // Assess
    expect(admitted).toEqual([true, false, false, true]);
    expect(checkpoint.sequenceNumber).toBe('13');
  });

  it('falls back to the shard checkpoint when the parallelization factor changed', () => {
    // Prepare
    const progress = new ShardProgress(3, { sequenceNumber: '10', finished: false, lanes: { factor: 2, sequenceNumbers: ['10', '13'] } });

    // Act & Assess: '12' is delivered again (at least once), not skipped.
    expect(progress.admit('12', 1)).toBe(true);
  });

  it('keeps a factor-1 checkpoint without lanes', () => {
    // Prepare
    const progress = new ShardProgress(1, undefined);
    progress.admit('5', 0);

    // Act & Assess
    expect(progress.complete(0, '5')).toEqual({ sequenceNumber: '5', finished: false });
    expect(progress.checkpoint(true)).toEqual({ sequenceNumber: '5', finished: true });
  });
});
