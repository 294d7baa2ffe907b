import { HttpFramingError } from './framing-error';
import { RequestParser, type HttpRequest } from './request-parser';

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

  it('returns the requests before a malformed one, then refuses the malformed one', () => {
    // Prepare
    const parser = new RequestParser(limits);
    parser.push(bytes(`${post('{"a":1}')}POST /\r\n\r\n`));

    // Act
    const first = parser.next();

    // Assess
    expect(first?.body.toString()).toBe('{"a":1}');
    expect(() => parser.next()).toThrow(expect.objectContaining({ name: 'HttpFramingError', status: 400, message: 'malformed request line' }));
  });

  it('skips empty lines split across pieces, and refuses a lone CR before a request line', () => {
    // Act
    const requests = parse(`\r\n\r\n${post('{}')}`, 1);
    const refused = (() => {
      try {
        return parse(`\r${post('{}')}`, 1);
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(requests.map((r) => r.raw.toString('latin1'))).toEqual([post('{}')]);
    expect(refused).toMatchObject({ status: 400, message: 'malformed request line' });
  });

  it('counts the bytes it holds until they are returned as requests', () => {
    // Prepare
    const parser = new RequestParser(limits);
    const first = post('{"a":1}');

    // Act
    parser.push(bytes(first + first.slice(0, 10)));
    const held = parser.pending;
    parser.next();
    const afterNext = parser.pending;

    // Assess
    expect([held, afterNext]).toEqual([first.length + 10, 10]);
  });

  it.each([
    ['Content-Length', (body: string) => post(body)],
    ['chunked', (body: string) => `POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`],
  ])('reads a 1 MB %s body arriving in 1 kB pieces copying each byte at most twice', (_framing, request) => {
    // Prepare: the copies made by Buffer.concat, the only way the parser joins pieces
    const input = bytes(request(`"${'x'.repeat(1024 * 1024 - 2)}"`));
    const parser = new RequestParser({ maxHeadBytes: 1024, maxBodyBytes: 2 * 1024 * 1024 });
    const concat = jest.spyOn(Buffer, 'concat');
    const received: HttpRequest[] = [];

    // Act
    try {
      for (let i = 0; i < input.length; i += 1024) {
        parser.push(input.subarray(i, i + 1024));
        for (let r = parser.next(); r; r = parser.next()) received.push(r);
      }
    } finally {
      concat.mockRestore();
    }

    // Assess
    const copied = concat.mock.results.reduce((sum, result) => sum + (result.value as Buffer).length, 0);
    expect(received).toHaveLength(1);
    expect(received[0]?.raw.equals(input)).toBe(true);
    expect(received[0]?.body.length).toBe(1024 * 1024);
    expect(copied).toBeLessThanOrEqual(2 * input.length);
  });
});
