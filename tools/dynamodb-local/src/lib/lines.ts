import type { Readable } from 'node:stream';

/**
 * Calls `onLine` for every complete line a child process writes (the last one even without a
 * trailing newline). Used for DynamoDB Local's output and, in the local stack, for functions' logs.
 */
export function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
  stream.on('end', () => buffer && onLine(buffer));
}
