import { createServer } from 'node:net';
import { PortInUseError } from '../errors';

/** A fixed port the stack is about to listen on, and the option that moves it. */
export interface PlannedListener {
  readonly host: string;
  /** 0 (any free port) is never checked. */
  readonly port: number;
  readonly flag: string;
  readonly purpose: string;
}

/** Whether `host:port` can be bound now: listens on it for a moment and closes again. */
async function portIsFree(host: string, port: number): Promise<{ free: true } | { free: false; cause: NodeJS.ErrnoException }> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve({ free: false, cause: error });
      else reject(error);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve({ free: true })));
  });
}

/**
 * Fails with a {@link PortInUseError} naming the port and the flag that picks another when any
 * fixed port of `listeners` is taken. Run before anything starts, so a second `npm start` stops at
 * once instead of dying half-way with its DynamoDB Local and IAM proxies already up.
 *
 * @example
 * await assertPortsFree([{ host: '127.0.0.1', port: 3000, flag: '--port', purpose: 'HTTP API' }]);
 */
export async function assertPortsFree(listeners: readonly PlannedListener[]): Promise<void> {
  for (const listener of listeners) {
    if (listener.port === 0) continue;
    const result = await portIsFree(listener.host, listener.port);
    if (!result.free) throw new PortInUseError(listener.host, listener.port, listener.flag, listener.purpose, { cause: result.cause });
  }
}

/** The fixed ports `npm start` (and `startLocalStack`) listens on: the HTTP API's, and DynamoDB Local's when one is named. */
export function stackListeners(options: { readonly host?: string; readonly port?: number; readonly dynamodbPort?: number; readonly dynamodbEndpoint?: string }): PlannedListener[] {
  const listeners: PlannedListener[] = [{ host: options.host ?? '127.0.0.1', port: options.port ?? 3000, flag: '--port', purpose: 'HTTP API' }];
  if (options.dynamodbPort !== undefined && options.dynamodbEndpoint === undefined) {
    listeners.push({ host: '127.0.0.1', port: options.dynamodbPort, flag: '--dynamodb-port', purpose: 'DynamoDB Local' });
  }
  return listeners;
}
