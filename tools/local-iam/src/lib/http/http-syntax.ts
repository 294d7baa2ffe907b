/**
 * The pieces of HTTP/1.1 syntax (RFC 9112) both directions share: header lines, Content-Length,
 * the `Connection` and `Transfer-Encoding` tokens.
 */
import { HttpFramingError } from './framing-error';

/** The blank line that ends a head. */
export const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
export const CR = 0x0d;
export const LF = 0x0a;
/** A header name or method (RFC 9110 §5.6.2). */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers of a head's lines (the first line, request or status, is skipped): lower-cased names, repeats joined with `, `. */
export function parseHeaderLines(lines: readonly string[]): Record<string, string> {
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

export function parseContentLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new HttpFramingError(400, `invalid Content-Length: ${value}`);
  return Number(value);
}

/** Whether a `Transfer-Encoding` value ends with `chunked` (the only coding that frames a message). */
export function endsWithChunked(transferEncoding: string): boolean {
  return /(^|,)\s*chunked\s*$/i.test(transferEncoding);
}

/**
 * Whether the connection stays open after this message: HTTP/1.1 unless `Connection: close`,
 * HTTP/1.0 only with `Connection: keep-alive`.
 */
export function keepsAlive(version: string, headers: Readonly<Record<string, string>>): boolean {
  const connection = headers['connection']?.toLowerCase() ?? '';
  return version === 'HTTP/1.1' ? !/(^|,)\s*close\s*(,|$)/.test(connection) : /(^|,)\s*keep-alive\s*(,|$)/.test(connection);
}
