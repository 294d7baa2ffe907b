import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * `size` random bytes, taken from a pool refilled 4 kB at a time: request and trace ids are made
 * for every request, and one `randomBytes` call each costs a system call. Convert them at once
 * (the pool is reused).
 *
 * @example
 * pooledRandomBytes(12).toString('hex'); // '5f1c…' (24 hex digits)
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} bytes at a time`);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}

/** `size` random bytes as hex (2 × size digits). */
export const randomHex = (size: number): string => pooledRandomBytes(size).toString('hex');
