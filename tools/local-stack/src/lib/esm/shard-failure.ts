import { CheckpointStoreError, OnFailureDeliveryError } from '../errors';
import { isFatalStreamError } from './fatal-errors';

/** What stopped a shard, said as what it is (a disk error is not an IAM denial). */
export interface ShardFailure {
  /** For people: what went wrong, in a few words. */
  readonly summary: string;
  /** The error itself: `Name: message`. */
  readonly error: string;
}

/**
 * Names the failure of a shard's worker (or of one of its checkpoint saves) by what it is:
 * the role may not read the stream, a checkpoint cannot be saved, the on-failure destination
 * cannot be written, or anything else.
 *
 * @example
 * describeShardFailure(new CheckpointStoreError(file, 'Cannot write the checkpoint file: EROFS'));
 * // { summary: 'a checkpoint cannot be saved', error: 'CheckpointStoreError: Cannot write … (file)' }
 */
export function describeShardFailure(error: unknown): ShardFailure {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  const summary = isFatalStreamError(error)
    ? 'the role may not read the stream'
    : error instanceof CheckpointStoreError
      ? 'a checkpoint cannot be saved'
      : error instanceof OnFailureDeliveryError
        ? 'records cannot be sent to the on-failure destination'
        : 'the shard failed';
  return { summary, error: `${name}: ${message}` };
}
