import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../../testing/stack-harness';
import { MetricsFileWriter } from './metrics-file';

describe('MetricsFileWriter', () => {
  it('reports a periodic write that fails once, keeps the process up, and writes again when it can', async () => {
    // Prepare: a writer running, then metrics.json's place taken by a folder (no rename can replace it)
    const directory = mkdtempSync(path.join(tmpdir(), 'metrics-file-'));
    const errors: Error[] = [];
    const writer = new MetricsFileWriter(directory, () => [], 10, (error) => errors.push(error));
    writer.start();
    rmSync(writer.file);
    mkdirSync(writer.file);
    writeFileSync(path.join(writer.file, 'occupied'), '');

    // Act
    await waitFor(() => errors.length > 0, 'a failed write reported');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reported = errors.length;
    rmSync(writer.file, { recursive: true });
    await waitFor(() => existsSync(writer.file) && statSync(writer.file).isFile(), 'metrics.json written again');
    writer.stop();

    // Assess
    expect(reported).toBe(1);
    expect(JSON.parse(readFileSync(writer.file, 'utf8'))).toMatchObject({ mappings: [] });
  });
});
