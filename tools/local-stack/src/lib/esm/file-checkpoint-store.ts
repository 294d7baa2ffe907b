import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CheckpointStoreError } from '../errors';
import { writeFileDurably } from '../files';
import { isRecord } from '@shop/shared-util-terraform-json';
import type { CheckpointStore, ShardCheckpoint } from './checkpoint-store';

/** The content of one checkpoint file: every shard of one mapping on one stream. */
export interface CheckpointFile {
  readonly version: 1;
  readonly scope: string;
  readonly updatedAt: string;
  readonly shards: Readonly<Record<string, ShardCheckpoint>>;
}

/**
 * Checkpoints on disk (`npm start -- --persist DIR` keeps them in `DIR/checkpoints`), one JSON
 * file per mapping and stream. Each save replaces the file atomically and durably (write a
 * temporary file, fsync, rename over the old one, fsync the folder) before it returns, so a
 * `kill -9` at any moment leaves either the previous checkpoint or the new one, never a torn
 * file, and a restart resumes after the last fully processed batch. A write that fails (read-only
 * folder, full disk) rejects with a {@link CheckpointStoreError} naming the file and leaves no
 * temporary file behind; the next save writes everything saved so far.
 *
 * @example
 * const checkpoints = new FileCheckpointStore('.local/persist/checkpoints');
 * await startLocalStack({ synthPath, stateDirectory: '.local', checkpoints });
 */
export class FileCheckpointStore implements CheckpointStore {
  private readonly scopes = new Map<string, Record<string, ShardCheckpoint>>();
  /** Per file: the write running or last run, and the next one (not started yet, so it will hold later saves too). */
  private readonly writes = new Map<string, { last: Promise<void>; next?: Promise<void> }>();

  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  /** The file that holds `scope` (`<mapping uuid>-<hash>.json`). */
  fileFor(scope: string): string {
    const readable = (scope.split('|')[0] ?? 'mapping').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    return path.join(this.directory, `${readable}-${createHash('sha256').update(scope).digest('hex').slice(0, 12)}.json`);
  }

  async load(scope: string): Promise<ReadonlyMap<string, ShardCheckpoint>> {
    return new Map(Object.entries(this.read(scope)));
  }

  async save(scope: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    this.scopes.set(scope, { ...this.read(scope), [shardId]: checkpoint });
    const file = this.fileFor(scope);
    const state = this.writes.get(file) ?? { last: Promise.resolve() };
    this.writes.set(file, state);
    if (state.next) return state.next; // not started yet: it will write this checkpoint too
    const next = state.last.catch(() => undefined).then(() => {
      state.next = undefined; // from here on, saves need a write of their own
      const content: CheckpointFile = { version: 1, scope, updatedAt: new Date().toISOString(), shards: this.read(scope) };
      return writeFileDurably(file, `${JSON.stringify(content, null, 2)}\n`).catch((cause: unknown) => {
        throw new CheckpointStoreError(file, `Cannot write the checkpoint file: ${(cause as Error).message}`, { cause });
      });
    });
    state.next = next;
    state.last = next;
    return next;
  }

  private read(scope: string): Record<string, ShardCheckpoint> {
    const cached = this.scopes.get(scope);
    if (cached) return cached;
    const file = this.fileFor(scope);
    if (!existsSync(file)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new CheckpointStoreError(file, 'The checkpoint file is not valid JSON; move it away to start the mapping over', { cause });
    }
    if (!isRecord(parsed) || parsed['version'] !== 1 || parsed['scope'] !== scope || !isRecord(parsed['shards'])) {
      throw new CheckpointStoreError(file, `The checkpoint file does not hold version 1 checkpoints of ${scope}`);
    }
    const shards = parsed['shards'] as Record<string, ShardCheckpoint>;
    this.scopes.set(scope, shards);
    return shards;
  }
}
