import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckpointStoreError } from '../errors';
import { FileCheckpointStore } from './file-checkpoint-store';

const SCOPE = 'da97dacf-35f8-5e1a-82cc-b47d6c567364|arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/2026-01-01T00:00:00.000';

describe('FileCheckpointStore', () => {
  it('writes concurrent saves one after the other, each save resolving once its checkpoint is in the file', async () => {
    // Prepare
    const directory = mkdtempSync(path.join(tmpdir(), 'checkpoints-'));
    const store = new FileCheckpointStore(directory);
    const onDisk = (): Record<string, unknown> => (JSON.parse(readFileSync(store.fileFor(SCOPE), 'utf8')) as { shards: Record<string, unknown> }).shards;
    const seenAfterOwnSave: boolean[] = [];

    // Act: 50 lanes/shards saving at once, and the same shard moving on
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await store.save(SCOPE, `shard-${i}`, { sequenceNumber: String(100 + i), finished: false });
        seenAfterOwnSave.push((onDisk()[`shard-${i}`] as { sequenceNumber?: string } | undefined)?.sequenceNumber === String(100 + i));
      }),
    );
    await Promise.all([store.save(SCOPE, 'shard-0', { sequenceNumber: '500', finished: false }), store.save(SCOPE, 'shard-0', { sequenceNumber: '501', finished: true })]);

    // Assess
    expect(seenAfterOwnSave).toEqual(Array.from({ length: 50 }, () => true));
    expect(Object.keys(onDisk())).toHaveLength(50);
    expect(onDisk()['shard-0']).toEqual({ sequenceNumber: '501', finished: true }); // the last save wins
    expect(readdirSync(directory)).toEqual([path.basename(store.fileFor(SCOPE))]); // no temporary file left behind
  });

  it('keeps checkpoints across instances (a restart), one file per mapping and stream', async () => {
    // Prepare
    const directory = mkdtempSync(path.join(tmpdir(), 'checkpoints-'));
    const first = new FileCheckpointStore(directory);
    await first.save(SCOPE, 'shard-1', { sequenceNumber: '100', finished: true });
    await first.save(SCOPE, 'shard-2', { sequenceNumber: '205', finished: false, lanes: { factor: 2, sequenceNumbers: ['205', null] } });

    // Act
    const loaded = await new FileCheckpointStore(directory).load(SCOPE);

    // Assess
    expect(Object.fromEntries(loaded)).toEqual({
      'shard-1': { sequenceNumber: '100', finished: true },
      'shard-2': { sequenceNumber: '205', finished: false, lanes: { factor: 2, sequenceNumbers: ['205', null] } },
    });
    expect(readdirSync(directory)).toEqual([path.basename(first.fileFor(SCOPE))]); // no temporary file left behind
    expect(path.basename(first.fileFor(SCOPE))).toMatch(/^da97dacf-35f8-5e1a-82cc-b47d6c567364-[0-9a-f]{12}\.json$/);
    expect(JSON.parse(readFileSync(first.fileFor(SCOPE), 'utf8'))).toMatchObject({ version: 1, scope: SCOPE, updatedAt: expect.any(String) });
  });

  it('starts empty for a scope it never saw (a new stream)', async () => {
    // Act
    const loaded = await new FileCheckpointStore(mkdtempSync(path.join(tmpdir(), 'checkpoints-'))).load(SCOPE);

    // Assess
    expect(loaded.size).toBe(0);
  });

  it('refuses a damaged or foreign file instead of starting the mapping over', async () => {
    // Prepare
    const directory = mkdtempSync(path.join(tmpdir(), 'checkpoints-'));
    const store = new FileCheckpointStore(directory);
    writeFileSync(store.fileFor(SCOPE), '{"version":1,"scope":"other","shards":{}}');
    const other = new FileCheckpointStore(directory);
    writeFileSync(other.fileFor(`${SCOPE}x`), '{ torn');

    // Act & Assess
    await expect(store.load(SCOPE)).rejects.toThrow(CheckpointStoreError);
    await expect(store.load(SCOPE)).rejects.toThrow(`does not hold version 1 checkpoints of ${SCOPE}`);
    await expect(other.load(`${SCOPE}x`)).rejects.toThrow('not valid JSON');
    expect(existsSync(store.fileFor(SCOPE))).toBe(true);
  });
});
