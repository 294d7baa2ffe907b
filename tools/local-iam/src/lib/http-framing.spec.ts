import { HttpFramingError, RequestParser, ResponseFramer, type HttpRequest } from './http-framing';

const limits = { maxHeadBytes: 1024, maxBodyBytes: 64 };
const bytes = (text: string) => Buffer.from(text, 'latin1');
const post = (body: string, headers = '') => `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Feeds `input` to a parser in pieces of `size` bytes, collecting every request. */
function parse(input: string, size = input.length): HttpRequest[] {
  const parser = new RequestParser(limits);
  const requests: HttpRequest[] = [];
  for (let i = 0; i < input.length; i += size) {
    parser.push(bytes(input.slice(i, i + size)));
    for (let request = parser.next(); request; request = parser.next()) requests.push(request);
  }
  return requests;
}

/** Feeds a response in pieces; returns how many bytes it took, or -1 if it is not complete. */
function frame(response: string, size = response.length, method = 'POST'): number {
  const framer = new ResponseFramer(method);
  for (let i = 0; i < response.length; i += size) {
    const end = framer.push(bytes(response.slice(i, i + size)));
    if (end >= 0) return i + end;
  }
  return -1;
}

describe('RequestParser', () => {
  it('frames a request by Content-Length however it is split, keeping its exact bytes', () => {
    // Prepare
    const input = post('{"TableName":"t"}', 'content-encoding: identity\r\n');

    // Act
    const whole = parse(input);
    const byteByByte = parse(input, 1);

    // Assess
    for (const requests of [whole, byteByByte]) {
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: 'POST', path: '/', version: 'HTTP/1.1', keepAlive: true });
      expect(requests[0]?.raw.toString('latin1')).toBe(input);
      expect(requests[0]?.body.toString()).toBe('{"TableName":"t"}');
      expect(requests[0]?.headers).toMatchObject({ 'x-amz-target': 'DynamoDB_20120810.PutItem', 'content-encoding': 'identity', host: 'x' });
    }
  });

  it('splits pipelined requests and skips empty lines between them', () => {
    // Act
    const requests = parse(`${post('{"a":1}')}\r\n${post('{"b":2}', 'Connection: close\r\n')}`, 7);

    // Assess
    expect(requests.map((r) => [r.body.toString(), r.keepAlive])).toEqual([
      ['{"a":1}', true],
      ['{"b":2}', false],
    ]);
    expect(requests[1]?.raw.toString('latin1')).toBe(post('{"b":2}', 'Connection: close\r\n'));
  });

  it('decodes a chunked body for the mapping and forwards the chunks as sent', () => {
    // Prepare
    const input = 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{"Tab\r\nc\r\nleName":"t"}\r\n0\r\nTrailer: x\r\n\r\n';

    // Act
    const [whole] = parse(input);
    const [split] = parse(input, 3);

    // Assess
    expect(whole?.body.toString()).toBe('{"TableName":"t"}');
    expect(split?.body.toString()).toBe('{"TableName":"t"}');
    expect(split?.raw.toString('latin1')).toBe(input);
  });

  it('keeps HTTP/1.0 connections only when asked to', () => {
    // Act
    const [closed] = parse('GET / HTTP/1.0\r\n\r\n');
    const [kept] = parse('GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n');

    // Assess
    expect([closed?.keepAlive, kept?.keepAlive]).toEqual([false, true]);
  });

  it.each([
    ['a malformed request line', 'POST /\r\n\r\n', 400],
    ['Content-Length with Transfer-Encoding', 'POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n', 400],
    ['conflicting Content-Length headers', 'POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 400],
    ['a non-numeric Content-Length', 'POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n', 400],
    ['a header line without a name', 'POST / HTTP/1.1\r\n: x\r\n\r\n', 400],
    ['an unknown transfer coding', 'POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n', 501],
    ['a body over the limit', 'POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n', 413],
    ['a chunked body over the limit', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n', 413],
    ['a head over the limit', `POST / HTTP/1.1\r\nX: ${'y'.repeat(1100)}`, 431],
  ])('refuses %s', (_name, input, status) => {
    // Act
    const error = (() => {
      try {
        return parse(input);
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(HttpFramingError);
    expect(error).toMatchObject({ status });
  });

  it('reports an Expect: 100-continue once', () => {
    // Prepare
    const parser = new RequestParser(limits);
    parser.push(bytes('POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n'));

    // Act
    const pending = parser.next();
    const answers = [parser.wantsContinue(), parser.wantsContinue()];
    parser.push(bytes('{}'));

    // Assess
    expect(pending).toBeUndefined();
    expect(answers).toEqual([true, false]);
    expect(parser.next()?.body.toString()).toBe('{}');
  });
});

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
