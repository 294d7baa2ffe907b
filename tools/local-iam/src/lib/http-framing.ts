/**
 * Just enough HTTP/1.1 framing for a forwarding proxy: where each request and each response ends
 * (RFC 9112 §6), without copying or re-encoding the bytes in between. Requests are forwarded as the
 * exact bytes the client sent; only their head is decoded (header names lower-cased).
 */

const CRLF = 0x0a; // the scan looks for "\r\n\r\n" by its "\n"
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A request the client cannot have meant: answered with `status` and the connection closed (as Node's server does). */
export class HttpFramingError extends Error {
  constructor(
    readonly status: 400 | 413 | 431 | 501,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFramingError';
  }
}

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

interface Head {
  readonly method: string;
  readonly path: string;
  readonly version: string;
  readonly headers: Record<string, string>;
  /** Offset of the body in the buffer. */
  readonly bodyStart: number;
  readonly contentLength: number | undefined;
  readonly chunked: boolean;
}

/**
 * Splits a client's byte stream into requests. Feed it with `push`, then call `next` until it
 * returns `undefined` (more bytes needed). Pipelined requests come out one by one.
 *
 * @throws HttpFramingError from `next` on a malformed or oversized request
 */
export class RequestParser {
  private buffer: Buffer | undefined;
  private head: Head | undefined;
  /** Where the search for the end of the head resumes. */
  private scanned = 0;
  private chunked: ChunkedDecoder | undefined;
  private continueSent = false;

  constructor(private readonly limits: FramingLimits) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
  }

  /** True when the pending request asks `Expect: 100-continue` and no interim answer was given yet (call once). */
  wantsContinue(): boolean {
    if (!this.head || this.continueSent || this.head.headers['expect']?.toLowerCase() !== '100-continue') return false;
    this.continueSent = true;
    return true;
  }

  /** Bytes received but not yet returned as a request. */
  get pending(): number {
    return this.buffer?.length ?? 0;
  }

  next(): HttpRequest | undefined {
    if (!this.buffer) return undefined;
    const head = this.head ?? (this.head = this.readHead(this.buffer));
    if (!head) return undefined;
    const buffer = this.buffer;

    let end: number;
    let body: Buffer;
    if (head.chunked) {
      const decoder = (this.chunked ??= new ChunkedDecoder(this.limits.maxBodyBytes, true));
      const done = decoder.push(buffer, head.bodyStart + decoder.consumed);
      if (done < 0) return undefined;
      end = done;
      body = decoder.body();
    } else {
      end = head.bodyStart + (head.contentLength ?? 0);
      if (buffer.length < end) return undefined;
      body = buffer.subarray(head.bodyStart, end);
    }

    const raw = end === buffer.length ? buffer : buffer.subarray(0, end);
    this.buffer = end < buffer.length ? buffer.subarray(end) : undefined;
    this.head = undefined;
    this.scanned = 0;
    this.chunked = undefined;
    this.continueSent = false;
    const connection = head.headers['connection']?.toLowerCase() ?? '';
    const keepAlive = head.version === 'HTTP/1.1' ? !/(^|,)\s*close\s*(,|$)/.test(connection) : /(^|,)\s*keep-alive\s*(,|$)/.test(connection);
    return { raw, method: head.method, path: head.path, version: head.version, headers: head.headers, body, keepAlive };
  }

  private readHead(buffer: Buffer): Head | undefined {
    // Leading empty lines before a request are ignored (RFC 9112 §2.2).
    let start = 0;
    while (start + 1 < buffer.length && buffer[start] === 0x0d && buffer[start + 1] === CRLF) start += 2;
    const at = buffer.indexOf(HEAD_END, Math.max(start, this.scanned - 3));
    if (at < 0) {
      this.scanned = buffer.length;
      if (buffer.length - start > this.limits.maxHeadBytes) throw new HttpFramingError(431, 'request head too large');
      return undefined;
    }
    if (at - start > this.limits.maxHeadBytes) throw new HttpFramingError(431, 'request head too large');
    if (start > 0) {
      // Drop the empty lines so `raw` starts at the request line.
      this.buffer = buffer.subarray(start);
      this.scanned = 0;
      return this.readHead(this.buffer);
    }
    const lines = buffer.toString('latin1', 0, at).split('\r\n');
    const requestLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/1\.[01])$/.exec(lines[0] ?? '');
    if (!requestLine) throw new HttpFramingError(400, 'malformed request line');
    const headers = parseHeaderLines(lines);
    const transferEncoding = headers['transfer-encoding'];
    const chunked = transferEncoding !== undefined;
    if (chunked && !/(^|,)\s*chunked\s*$/i.test(transferEncoding)) throw new HttpFramingError(501, `unsupported Transfer-Encoding: ${transferEncoding}`);
    const contentLength = parseContentLength(headers['content-length']);
    if (chunked && contentLength !== undefined) throw new HttpFramingError(400, 'both Content-Length and Transfer-Encoding');
    if (contentLength !== undefined && contentLength > this.limits.maxBodyBytes) throw new HttpFramingError(413, `request body over ${this.limits.maxBodyBytes} bytes`);
    return { method: requestLine[1] as string, path: requestLine[2] as string, version: requestLine[3] as string, headers, bodyStart: at + 4, contentLength, chunked };
  }
}

/**
 * Finds where an upstream response ends, fed the bytes as they arrive (which the proxy relays
 * untouched). Interim `1xx` responses are passed over; a response without a length ends when the
 * upstream closes.
 */
export class ResponseFramer {
  private head: Buffer | undefined;
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
    const previous = this.head?.length ?? 0;
    const data = this.head ? Buffer.concat([this.head, chunk.subarray(offset)]) : chunk.subarray(offset);
    const at = data.indexOf(HEAD_END, Math.max(0, previous - 3));
    if (at < 0) {
      if (data.length > 1024 * 1024) throw new HttpFramingError(400, 'upstream response head too large');
      this.head = Buffer.from(data);
      return -1;
    }
    this.head = undefined;
    const next = offset + (at + 4 - previous);
    const lines = data.toString('latin1', 0, at).split('\r\n');
    const statusLine = /^(HTTP\/1\.[01]) (\d{3})/.exec(lines[0] ?? '');
    if (!statusLine) throw new HttpFramingError(400, 'malformed upstream status line');
    const status = Number(statusLine[2]);
    const headers = parseHeaderLines(lines);
    const connection = headers['connection']?.toLowerCase() ?? '';
    this.closeAfter = statusLine[1] === 'HTTP/1.1' ? /(^|,)\s*close\s*(,|$)/.test(connection) : !/(^|,)\s*keep-alive\s*(,|$)/.test(connection);
    if (status >= 100 && status < 200 && status !== 101) return next; // interim: the final response follows
    this.status = status;
    if (this.requestMethod === 'HEAD' || status === 204 || status === 304 || status === 101) {
      this.state = 'length';
      this.remaining = 0;
    } else if (headers['transfer-encoding'] !== undefined && /(^|,)\s*chunked\s*$/i.test(headers['transfer-encoding'])) {
      this.state = 'chunked';
      this.chunked = new ChunkedDecoder(Number.POSITIVE_INFINITY, false);
    } else if (headers['content-length'] !== undefined && headers['transfer-encoding'] === undefined) {
      this.state = 'length';
      this.remaining = parseContentLength(headers['content-length']) ?? 0;
    } else {
      this.state = 'until-close';
      this.closeAfter = true;
    }
    return next;
  }
}

/**
 * Incremental `Transfer-Encoding: chunked` reader (RFC 9112 §7.1) over a growing buffer (requests)
 * or over successive chunks (responses): `push(data, from)` returns the offset just past the last
 * chunk and its trailers, or -1 when it needs more bytes.
 */
class ChunkedDecoder {
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' = 'size';
  private line = '';
  private left = 0;
  private size = 0;
  private readonly parts: Buffer[] = [];
  /** Bytes consumed so far, for a caller that re-pushes a growing buffer. */
  consumed = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly keep: boolean,
  ) {}

  body(): Buffer {
    return this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
  }

  push(data: Buffer, from: number): number {
    let i = from;
    while (i < data.length) {
      switch (this.state) {
        case 'size':
        case 'trailer': {
          const nl = data.indexOf(CRLF, i);
          const end = nl < 0 ? data.length : nl + 1;
          this.line += data.toString('latin1', i, end);
          i = end;
          if (this.line.length > 8192) throw new HttpFramingError(400, 'chunk line too long');
          if (nl < 0) break;
          const line = this.line.replace(/\r?\n$/, '');
          this.line = '';
          if (this.state === 'trailer') {
            if (line === '') {
              this.consumed += i - from;
              return i;
            }
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
    this.consumed += i - from;
    return -1;
  }
}

function parseHeaderLines(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) throw new HttpFramingError(400, 'malformed header line');
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-length' && headers[key] !== undefined && headers[key] !== value) throw new HttpFramingError(400, 'conflicting Content-Length headers');
    headers[key] = headers[key] === undefined || key === 'content-length' ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

function parseContentLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new HttpFramingError(400, `invalid Content-Length: ${value}`);
  return Number(value);
}
