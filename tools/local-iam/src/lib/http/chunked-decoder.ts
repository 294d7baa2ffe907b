import { ByteParts } from './byte-parts';
import { HttpFramingError } from './framing-error';
import { LF } from './http-syntax';

/** Longest chunk-size or trailer line accepted. */
const MAX_LINE_BYTES = 8192;

/**
 * Incremental `Transfer-Encoding: chunked` reader (RFC 9112 §7.1) over successive pieces of a
 * message: `push(piece, from)` returns the offset just past the last chunk and its trailers, or -1
 * when it needs more bytes. Each byte is read once.
 *
 * @example
 * const decoder = new ChunkedDecoder(1024, true);
 * decoder.push(Buffer.from('2\r\n{}\r\n0\r\n\r\n'), 0); // 12
 * decoder.body().toString(); // '{}'
 */
export class ChunkedDecoder {
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' = 'size';
  private line = '';
  private left = 0;
  private size = 0;
  private readonly parts = new ByteParts();

  /**
   * @param maxBytes body bytes (decoded) accepted; more is a 413
   * @param keep whether to keep the decoded body for `body()` (a response is only framed)
   */
  constructor(
    private readonly maxBytes: number,
    private readonly keep: boolean,
  ) {}

  /** The decoded payload (when constructed with `keep`). */
  body(): Buffer {
    return this.parts.toBuffer();
  }

  push(data: Buffer, from: number): number {
    let i = from;
    while (i < data.length) {
      switch (this.state) {
        case 'size':
        case 'trailer': {
          const nl = data.indexOf(LF, i);
          const end = nl < 0 ? data.length : nl + 1;
          this.line += data.toString('latin1', i, end);
          i = end;
          if (this.line.length > MAX_LINE_BYTES) throw new HttpFramingError(400, 'chunk line too long');
          if (nl < 0) break;
          const line = this.line.replace(/\r?\n$/, '');
          this.line = '';
          if (this.state === 'trailer') {
            if (line === '') return i;
            break;
          }
          const size = /^([0-9a-fA-F]{1,15})[ \t]*(;.*)?$/.exec(line);
          if (!size) throw new HttpFramingError(400, 'malformed chunk size');
          this.left = parseInt(size[1] as string, 16);
          this.size += this.left;
          if (this.size > this.maxBytes) throw new HttpFramingError(413, `request body over ${this.maxBytes} bytes`);
          this.state = this.left === 0 ? 'trailer' : 'data';
          break;
        }
        case 'data': {
          const take = Math.min(this.left, data.length - i);
          if (this.keep) this.parts.push(data.subarray(i, i + take));
          this.left -= take;
          i += take;
          if (this.left === 0) {
            this.state = 'data-crlf';
            this.line = '';
          }
          break;
        }
        case 'data-crlf': {
          this.line += String.fromCharCode(data[i] as number);
          i++;
          if (this.line === '\n' || this.line === '\r\n') {
            this.line = '';
            this.state = 'size';
          } else if (this.line !== '\r') throw new HttpFramingError(400, 'chunk not followed by CRLF');
          break;
        }
      }
    }
    return -1;
  }
}
