import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZipArchiveError } from '../errors';
import { createZip } from '../../testing/zip-writer';
import { extractZip, readZipEntries } from './zip-archive';

const scratch = (): string => mkdtempSync(path.join(tmpdir(), 'zip-archive-'));

describe('readZipEntries', () => {
  it('unpacks an archive made by CDKTF\'s own TerraformAsset archiver', () => {
    // Prepare: the exact command cdktf runs for an ARCHIVE asset.
    const dir = scratch();
    mkdirSync(path.join(dir, 'src', 'nested'), { recursive: true });
    const bundle = 'exports.handler = async () => "ok";\n'.repeat(200);
    writeFileSync(path.join(dir, 'src', 'main.js'), bundle);
    writeFileSync(path.join(dir, 'src', 'nested', 'data.bin'), Buffer.from([0, 1, 2, 255]));
    const archive = path.join(dir, 'archive.zip');
    execFileSync(process.execPath, [require.resolve('cdktf/lib/private/fs.js'), path.join(dir, 'src'), archive]);

    // Act
    const target = path.join(dir, 'out');
    const entries = extractZip(archive, target);

    // Assess
    expect(entries.map((e) => e.name).sort()).toEqual(['main.js', 'nested/data.bin']);
    expect(readFileSync(path.join(target, 'main.js'), 'utf8')).toBe(bundle);
    expect([...readFileSync(path.join(target, 'nested', 'data.bin'))]).toEqual([0, 1, 2, 255]);
  });

  it('reads stored and deflated entries alike', () => {
    // Prepare
    const archive = path.join(scratch(), 'a.zip');
    writeFileSync(archive, createZip([{ name: 'a.txt', data: 'stored', stored: true }, { name: 'b.txt', data: 'deflated' }]));

    // Act
    const entries = readZipEntries(archive);

    // Assess
    expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([
      ['a.txt', 'stored'],
      ['b.txt', 'deflated'],
    ]);
  });

  it('refuses a corrupt entry, a path escaping the folder and a file that is no zip', () => {
    // Prepare
    const dir = scratch();
    const corrupt = createZip([{ name: 'main.js', data: 'exports.handler = 1', stored: true }]);
    corrupt.writeUInt8(corrupt.readUInt8(30 + 'main.js'.length + 2) ^ 0xff, 30 + 'main.js'.length + 2); // flips a byte of the stored data
    writeFileSync(path.join(dir, 'corrupt.zip'), corrupt);
    writeFileSync(path.join(dir, 'slip.zip'), createZip([{ name: '../evil.js', data: 'x' }]));
    writeFileSync(path.join(dir, 'text.zip'), 'not a zip at all');

    // Act & Assess
    expect(() => readZipEntries(path.join(dir, 'corrupt.zip'))).toThrow('main.js is corrupt (size or CRC mismatch)');
    expect(() => readZipEntries(path.join(dir, 'slip.zip'))).toThrow('would be written outside the target folder');
    expect(() => readZipEntries(path.join(dir, 'text.zip'))).toThrow(ZipArchiveError);
  });
});
