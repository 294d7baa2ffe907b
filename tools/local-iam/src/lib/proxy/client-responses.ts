import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { AwsJsonErrorResponse } from '../aws-error-response';

/** Node's http server default: an idle client connection is closed after 5 s. */
export const CLIENT_KEEP_ALIVE_MS = 5_000;

/** Writes an answer the proxy gives itself (a denial), keeping the connection as the request asked. */
export function respond(client: Socket, response: AwsJsonErrorResponse, keepAlive: boolean): void {
  client.write(serializeResponse(response.statusCode, response.headers, response.body, keepAlive));
}

/** Answers a request that cannot be served (unframeable, or the proxy failed) and closes the connection, as Node's server does. */
export function failConnection(client: Socket, status: number, message: string): void {
  const body = Buffer.from(message, 'utf8');
  client.end(serializeResponse(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length) }, body, false));
}

/** An HTTP/1.1 response as bytes, with the `Date` and `Connection` headers Node's server adds. */
function serializeResponse(status: number, headers: Readonly<Record<string, string>>, body: Buffer, keepAlive: boolean): Buffer {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
  for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}\r\n`;
  head += `Date: ${new Date().toUTCString()}\r\nConnection: ${keepAlive ? `keep-alive\r\nKeep-Alive: timeout=${CLIENT_KEEP_ALIVE_MS / 1000}` : 'close'}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
