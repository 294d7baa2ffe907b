import { ByteParts } from './byte-parts';
import { ChunkedDecoder } from './chunked-decoder';
import { HttpFramingError } from './framing-error';
import { HeadEndFinder } from './head-end-finder';
import { CR, endsWithChunked, HEAD_END, keepsAlive, LF, parseContentLength, parseHeaderLines } from './http-syntax';

export interface FramingLimits {
  /** Bytes of request line and headers. */
  readonly maxHeadBytes: number;
  /** Bytes of body (after chunked decoding). */
  readonly maxBodyBytes: number;
}

/** One complete request. */
export interface HttpRequest {
  /** Exactly what the client sent for this request: head and body, chunked framing included. */
  readonly raw: Buffer;
  readonly method: string;
  readonly path: string;
  /** `HTTP/1.1` */
  readonly version: string;
  /** Lower-cased names; repeated headers joined with `, ` (as Node does for most). */
  readonly headers: Readonly<Record<string, string>>;
  /** The payload: the raw bytes after the head, or the decoded chunks. */
  readonly body: Buffer;
  /** The connection stays open after the response. */
  readonly keepAlive: boolean;
}

type Head = Omit<HttpRequest, 'raw' | 'body' | 'keepAlive'>;

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/1\.[01])$/;

/**
 * Splits a client's byte stream into requests, reading each byte once as it arrives (requests are
 * forwarded as the exact bytes sent; only their head is decoded). Feed it with `push`, then call
 * `next` until it returns `undefined` (more bytes needed). Pipelined requests come out one by one.
 *
 * @throws HttpFramingError from `next`, once the requests before it are taken, on a malformed or oversized request
 * @example
 * const parser = new RequestParser({ maxHeadBytes: 64 * 1024, maxBodyBytes: 32 * 1024 * 1024 });
 * socket.on('data', (chunk) => {
 *   parser.push(chunk);
 *   for (let request = parser.next(); request; request = parser.next()) handle(request);
 * });
 */
export class RequestParser {
  private readonly ready: HttpRequest[] = [];
  private failure: HttpFramingError | undefined;
  /** Bytes of the requests in `ready`. */
  private readyBytes = 0;

  // The request being read.
  private phase: 'start' | 'head' | 'length' | 'chunked' = 'start';
  /** A CR read at the start of a request, waiting for its LF (an empty line) or not. */
  private heldCr = false;
  private readonly finder = new HeadEndFinder();
  private raw = new ByteParts();
  private head: Head | undefined;
  private headBytes = 0;
  private remaining = 0;
  private chunked: ChunkedDecoder | undefined;
  private continueSent = false;

  constructor(private readonly limits: FramingLimits) {}

  push(chunk: Buffer): void {
    if (this.failure) return;
    try {
      this.read(chunk);
    } catch (error) {
      if (!(error instanceof HttpFramingError)) throw error;
      this.failure = error;
    }
  }

  /** True when the pending request asks `Expect: 100-continue` and no interim answer was given yet (call once). */
  wantsContinue(): boolean {
    if (!this.head || this.continueSent || this.head.headers['expect']?.toLowerCase() !== '100-continue') return false;
    this.continueSent = true;
    return true;
  }

  /** Bytes received but not yet returned as a request. */
  get pending(): number {
    return this.readyBytes + this.raw.length;
  }

  next(): HttpRequest | undefined {
    const request = this.ready.shift();
    if (request) {
      this.readyBytes -= request.raw.length;
      return request;
    }
    if (this.failure) throw this.failure;
    return undefined;
  }

  private read(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length || (this.phase === 'length' && this.remaining === 0)) {
      switch (this.phase) {
        case 'start':
          i = this.skipEmptyLines(chunk, i);
          break;
        case 'head':
          i = this.readHead(chunk, i);
          break;
        case 'length': {
          const take = Math.min(this.remaining, chunk.length - i);
          this.raw.push(chunk.subarray(i, i + take));
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) this.complete(undefined);
          break;
        }
        case 'chunked': {
          const decoder = this.chunked as ChunkedDecoder;
          const end = decoder.push(chunk, i);
          this.raw.push(chunk.subarray(i, end < 0 ? chunk.length : end));
          i = end < 0 ? chunk.length : end;
          if (end >= 0) this.complete(decoder.body());
          break;
        }
      }
    }
  }

  /** Leading empty lines before a request are ignored (RFC 9112 §2.2). */
  private skipEmptyLines(chunk: Buffer, from: number): number {
    let i = from;
    while (i < chunk.length) {
      if (this.heldCr) {
        this.heldCr = false;
        if (chunk[i] !== LF) {
          // A lone CR starts the request (and makes its request line malformed).
          this.phase = 'head';
          this.readHead(Buffer.of(CR), 0);
          return i;
        }
        i++;
      } else if (chunk[i] === CR) {
        this.heldCr = true;
        i++;
      } else {
        this.phase = 'head';
        return i;
      }
    }
    return i;
  }

  private readHead(chunk: Buffer, from: number): number {
    const end = this.finder.find(chunk, from);
    this.raw.push(chunk.subarray(from, end < 0 ? chunk.length : end));
    if (end < 0) {
      if (this.raw.length > this.limits.maxHeadBytes) throw new HttpFramingError(431, 'request head too large');
      return chunk.length;
    }
    if (this.raw.length - HEAD_END.length > this.limits.maxHeadBytes) throw new HttpFramingError(431, 'request head too large');
    const bytes = this.raw.toBuffer();
    this.raw = new ByteParts();
    this.raw.push(bytes);
    this.headBytes = bytes.length;
    const head = parseRequestHead(bytes.toString('latin1', 0, bytes.length - HEAD_END.length), this.limits);
    this.head = head.head;
    if (head.chunked) {
      this.phase = 'chunked';
      this.chunked = new ChunkedDecoder(this.limits.maxBodyBytes, true);
    } else {
      this.phase = 'length';
      this.remaining = head.contentLength ?? 0;
    }
    return end;
  }

  private complete(decodedBody: Buffer | undefined): void {
    const head = this.head as Head;
    const raw = this.raw.toBuffer();
    this.ready.push({ ...head, raw, body: decodedBody ?? raw.subarray(this.headBytes), keepAlive: keepsAlive(head.version, head.headers) });
    this.readyBytes += raw.length;
    this.phase = 'start';
    this.raw = new ByteParts();
    this.head = undefined;
    this.chunked = undefined;
    this.continueSent = false;
    this.finder.reset();
  }
}

function parseRequestHead(text: string, limits: FramingLimits): { head: Head; contentLength: number | undefined; chunked: boolean } {
  const lines = text.split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!requestLine) throw new HttpFramingError(400, 'malformed request line');
  const headers = parseHeaderLines(lines);
  const transferEncoding = headers['transfer-encoding'];
  const chunked = transferEncoding !== undefined;
  if (chunked && !endsWithChunked(transferEncoding)) throw new HttpFramingError(501, `unsupported Transfer-Encoding: ${transferEncoding}`);
  const contentLength = parseContentLength(headers['content-length']);
  if (chunked && contentLength !== undefined) throw new HttpFramingError(400, 'both Content-Length and Transfer-Encoding');
  if (contentLength !== undefined && contentLength > limits.maxBodyBytes) throw new HttpFramingError(413, `request body over ${limits.maxBodyBytes} bytes`);
  return { head: { method: requestLine[1] as string, path: requestLine[2] as string, version: requestLine[3] as string, headers }, contentLength, chunked };
}
