import { readFileSync } from 'node:fs';

/**
 * The uncompressed size of each file in a zip archive, from its central directory (nothing is
 * inflated): enough to check that a bundle on disk is the one a deployment package ships.
 *
 * @example
 * zipEntrySizes('archive.zip').get('main.js'); // 389464
 */
export function zipEntrySizes(archivePath: string): Map<string, number> {
  const zip = readFileSync(archivePath);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${archivePath} is not a zip archive`);
  const sizes = new Map<string, number>();
  let offset = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${archivePath}: central directory entry ${i} is damaged`);
    const nameLength = zip.readUInt16LE(offset + 28);
    sizes.set(zip.toString('utf8', offset + 46, offset + 46 + nameLength), zip.readUInt32LE(offset + 24));
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return sizes;
}
