import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
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

let temporaryFiles = 0;

/**
 * {@link writeFileAtomically} with `durable`, without blocking the event loop: an fsync takes
 * milliseconds (tens under load), and the HTTP API and every mapping share the main thread. It
 * resolves once the file and its folder entry are on disk, exactly when the synchronous version
 * would return. Concurrent calls for one file must be serialized by the caller.
 */
export async function writeFileDurably(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${++temporaryFiles}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined); // a full disk must not fill up with halves
    throw error;
  }
  const directory = await open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
