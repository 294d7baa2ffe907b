import { HEAD_END } from './http-syntax';

/**
 * Finds the blank line (`\r\n\r\n`) that ends an HTTP head in bytes arriving in pieces, reading
 * each byte once: a match cut across two pieces is carried over, never re-scanned.
 *
 * @example
 * const finder = new HeadEndFinder();
 * finder.find(Buffer.from('GET / HTTP/1.1\r\n\r'), 0); // -1: not yet
 * finder.find(Buffer.from('\nbody'), 0); // 1: the head ends before offset 1 of this piece
 */
export class HeadEndFinder {
  /** Bytes of `\r\n\r\n` matched at the end of what was read so far. */
  private matched = 0;

  /** Returns the offset in `piece` just past the head's end, or -1 when it ends later. */
  find(piece: Buffer, from: number): number {
    let i = from;
    while (this.matched > 0 && i < piece.length) {
      if (piece[i] !== HEAD_END[this.matched]) {
        // No prefix of "\r\n\r" that failed here can restart the match but at this byte itself.
        this.matched = 0;
        break;
      }
      i++;
      if (++this.matched === HEAD_END.length) {
        this.matched = 0;
        return i;
      }
    }
    if (i >= piece.length) return -1;
    const at = piece.indexOf(HEAD_END, i);
    if (at >= 0) return at + HEAD_END.length;
    this.matched = trailingMatch(piece, i);
    return -1;
  }

  /** Forgets a partial match (a new head starts). */
  reset(): void {
    this.matched = 0;
  }
}

/** The longest end of `piece[from..]` that starts `\r\n\r\n` (0 to 3 bytes). */
function trailingMatch(piece: Buffer, from: number): number {
  for (let length = Math.min(HEAD_END.length - 1, piece.length - from); length > 0; length--) {
    if (piece.subarray(piece.length - length).equals(HEAD_END.subarray(0, length))) return length;
  }
  return 0;
}
