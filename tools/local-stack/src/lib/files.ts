import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces `file` with `content` so that a crash at any point leaves the old file or the new one,
 * never a torn one: a temporary file is written, then renamed over it. With `durable`, both the
 * file and the folder entry are flushed to disk before it returns (checkpoints), so even a power
 * cut cannot lose a write that returned.
 *
 * @example
 * writeFileAtomically('.local/metrics.json', JSON.stringify(snapshot));
 */
export function writeFileAtomically(file: string, content: string, options: { durable?: boolean } = {}): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, content);
    if (options.durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  if (!options.durable) return;
  const directory = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}
