import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { ZipArchiveError } from '../errors';

/** One file of a zip archive. */
export interface ZipEntry {
  /** Forward-slash path inside the archive: `main.js`, `lib/util.js` */
  readonly name: string;
  readonly data: Buffer;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const Method = { Stored: 0, Deflated: 8 } as const;

/**
 * Reads the files of a zip archive (the Lambda deployment package CDKTF's TerraformAsset
 * writes): entries listed by the central directory, stored or deflated, CRC-checked. Zip64,
 * encryption and other compression methods are refused with a {@link ZipArchiveError}, as are
 * paths that would escape the target folder.
 */
export function readZipEntries(archivePath: string): ZipEntry[] {
  const zip = readFileSync(archivePath);
  const fail = (problem: string): never => {
    throw new ZipArchiveError(archivePath, problem);
  };
  const eocd = findEndOfCentralDirectory(zip) ?? fail('not a zip archive (no end of central directory)');
  const entryCount = zip.readUInt16LE(eocd + 10);
  const directoryOffset = zip.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) fail('zip64 archives are not supported');

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) fail(`central directory entry ${i} is damaged`);
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) fail(`${name} is encrypted`);
    if (name.endsWith('/')) continue; // a folder entry
    assertSafeName(archivePath, name);
    if (zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) fail(`local header of ${name} is damaged`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === Method.Stored) data = Buffer.from(raw);
    else if (method === Method.Deflated) data = inflateRawSync(raw);
    else data = fail(`${name} uses compression method ${method}; only stored and deflated are supported`);
    if (data.length !== size || crc32(data) !== crc) fail(`${name} is corrupt (size or CRC mismatch)`);
    entries.push({ name, data });
  }
  return entries;
}

/** Writes every file of a zip archive under `targetDirectory`. */
export function extractZip(archivePath: string, targetDirectory: string): ZipEntry[] {
  const entries = readZipEntries(archivePath);
  for (const entry of entries) {
    const target = path.join(targetDirectory, ...entry.name.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
  }
  return entries;
}

function findEndOfCentralDirectory(zip: Buffer): number | undefined {
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let offset = zip.length - 22; offset >= earliest; offset--) {
    if (zip.readUInt32LE(offset) === EOCD_SIGNATURE) return offset;
  }
  return undefined;
}

function assertSafeName(archivePath: string, name: string): void {
  const segments = name.split(/[\\/]/);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || segments.includes('..')) {
    throw new ZipArchiveError(archivePath, `entry "${name}" would be written outside the target folder`);
  }
}
