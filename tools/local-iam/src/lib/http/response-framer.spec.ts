import { HttpFramingError } from './framing-error';
import { ResponseFramer } from './response-framer';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Feeds a response in pieces; returns how many bytes it took, or -1 if it is not complete. */
function frame(response: string, size = response.length, method = 'POST'): number {
  const framer = new ResponseFramer(method);
  for (let i = 0; i < response.length; i += size) {
    const end = framer.push(bytes(response.slice(i, i + size)));
    if (end >= 0) return i + end;
  }
  return -1;
}

describe('ResponseFramer', () => {
  const ok = (headers: string, body: string) => `HTTP/1.1 200 OK\r\nx-amz-crc32: 1\r\n${headers}\r\n${body}`;

  it('ends a Content-Length response at its last byte, however it arrives', () => {
    // Prepare
    const response = ok('Content-Length: 2\r\n', '{}');

    // Act / Assess
    expect(frame(response)).toBe(response.length);
    expect(frame(response, 1)).toBe(response.length);
    expect(frame(response + 'HTTP/1.1', response.length + 8)).toBe(response.length);
    expect(frame(response.slice(0, -1))).toBe(-1);
  });

  it('ends a chunked response after its last chunk and trailers', () => {
    // Prepare: as DynamoDB Local sends pages over 32 kB
    const response = ok('Transfer-Encoding: chunked\r\n', '3\r\n{"a\r\n4\r\n":1}\r\n0\r\n\r\n');

    // Act / Assess
    expect(frame(response)).toBe(response.length);
    expect(frame(response, 2)).toBe(response.length);
    expect(frame(response.slice(0, -2))).toBe(-1);
  });

  it('passes over interim responses, knows bodiless ones, and ends an unframed one at close', () => {
    // Prepare
    const interim = `HTTP/1.1 100 Continue\r\n\r\n${ok('Content-Length: 2\r\n', '{}')}`;
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n';
    const noContent = 'HTTP/1.1 204 No Content\r\n\r\n';
    const unframed = new ResponseFramer('POST');

    // Act
    const unframedEnd = unframed.push(bytes('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{}'));

    // Assess
    expect(frame(interim, 5)).toBe(interim.length);
    expect(frame(head, head.length, 'HEAD')).toBe(head.length);
    expect(frame(noContent)).toBe(noContent.length);
    expect([unframedEnd, unframed.delimitedByClose, unframed.closeAfter]).toEqual([-1, true, true]);
  });

  it('refuses what is not an HTTP/1.x response', () => {
    // Act / Assess
    expect(() => frame('SSH-2.0-OpenSSH\r\n\r\n')).toThrow(HttpFramingError);
  });
});
