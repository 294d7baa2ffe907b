/**
 * The pieces of one message, as views on the buffers they arrived in: nothing is copied until
 * `toBuffer`, and not even then when the message arrived in one piece.
 *
 * @example
 * const parts = new ByteParts();
 * parts.push(chunk.subarray(0, 10));
 * parts.push(chunk.subarray(10, 20)); // adjacent: still one view
 * parts.toBuffer(); // chunk.subarray(0, 20), no copy
 */
export class ByteParts {
  private readonly parts: Buffer[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.total += piece.length;
    const last = this.parts[this.parts.length - 1];
    if (last && last.buffer === piece.buffer && last.byteOffset + last.length === piece.byteOffset) {
      this.parts[this.parts.length - 1] = Buffer.from(last.buffer, last.byteOffset, last.length + piece.length);
      return;
    }
    this.parts.push(piece);
  }

  /** The bytes as one buffer: a view when they are contiguous, one copy otherwise. */
  toBuffer(): Buffer {
    if (this.parts.length === 1) return this.parts[0] as Buffer;
    return this.parts.length === 0 ? Buffer.alloc(0) : Buffer.concat(this.parts, this.total);
  }
}
