import { ByteParts } from './byte-parts';
import { ChunkedDecoder } from './chunked-decoder';
import { HttpFramingError } from './framing-error';
import { HeadEndFinder } from './head-end-finder';
import { endsWithChunked, HEAD_END, keepsAlive, parseContentLength, parseHeaderLines } from './http-syntax';

/** Longest upstream response head read. */
const MAX_RESPONSE_HEAD_BYTES = 1024 * 1024;

/**
 * Finds where an upstream response ends, fed the bytes as they arrive (which the proxy relays
 * untouched), reading each byte once. Interim `1xx` responses are passed over; a response without a
 * length ends when the upstream closes.
 *
 * @example
 * const framer = new ResponseFramer('POST');
 * framer.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}')); // 40: the response ends there
 */
export class ResponseFramer {
  private head = new ByteParts();
  private readonly finder = new HeadEndFinder();
  private remaining = 0;
  private chunked: ChunkedDecoder | undefined;
  private state: 'head' | 'length' | 'chunked' | 'until-close' | 'done' = 'head';
  /** The upstream said `Connection: close` (or spoke HTTP/1.0 without keep-alive): do not reuse it. */
  closeAfter = false;
  status = 0;

  constructor(private readonly requestMethod: string) {}

  get delimitedByClose(): boolean {
    return this.state === 'until-close';
  }

  /**
   * Consumes `chunk`; returns the offset just past the end of the response, or -1 if it
   * continues. Bytes after that offset are not part of it.
   *
   * @throws HttpFramingError on a response that cannot be framed
   */
  push(chunk: Buffer): number {
    let offset = 0;
    while (offset < chunk.length || this.state === 'length') {
      switch (this.state) {
        case 'head': {
          const consumed = this.readHead(chunk, offset);
          if (consumed < 0) return -1;
          offset = consumed;
          break;
        }
        case 'length': {
          const take = Math.min(this.remaining, chunk.length - offset);
          this.remaining -= take;
          offset += take;
          if (this.remaining > 0) return -1;
          this.state = 'done';
          return offset;
        }
        case 'chunked': {
          const end = (this.chunked as ChunkedDecoder).push(chunk, offset);
          if (end < 0) return -1;
          this.state = 'done';
          return end;
        }
        case 'until-close':
          return -1;
        case 'done':
          return offset;
      }
    }
    return -1;
  }

  /** Returns the offset after the head (and sets the body state), or -1 if the head is incomplete. */
  private readHead(chunk: Buffer, offset: number): number {
    const end = this.finder.find(chunk, offset);
    this.head.push(chunk.subarray(offset, end < 0 ? chunk.length : end));
    if (end < 0) {
      if (this.head.length > MAX_RESPONSE_HEAD_BYTES) throw new HttpFramingError(400, 'upstream response head too large');
      return -1;
    }
    const bytes = this.head.toBuffer();
    this.head = new ByteParts();
    this.finder.reset();
    const lines = bytes.toString('latin1', 0, bytes.length - HEAD_END.length).split('\r\n');
    const statusLine = /^(HTTP\/1\.[01]) (\d{3})/.exec(lines[0] ?? '');
    if (!statusLine) throw new HttpFramingError(400, 'malformed upstream status line');
    const status = Number(statusLine[2]);
    const headers = parseHeaderLines(lines);
    this.closeAfter = !keepsAlive(statusLine[1] as string, headers);
    if (status >= 100 && status < 200 && status !== 101) return end; // interim: the final response follows
    this.status = status;
    if (this.requestMethod === 'HEAD' || status === 204 || status === 304 || status === 101) {
      this.state = 'length';
      this.remaining = 0;
    } else if (headers['transfer-encoding'] !== undefined && endsWithChunked(headers['transfer-encoding'])) {
      this.state = 'chunked';
      this.chunked = new ChunkedDecoder(Number.POSITIVE_INFINITY, false);
    } else if (headers['content-length'] !== undefined && headers['transfer-encoding'] === undefined) {
      this.state = 'length';
      this.remaining = parseContentLength(headers['content-length']) ?? 0;
    } else {
      this.state = 'until-close';
      this.closeAfter = true;
    }
    return end;
  }
}
