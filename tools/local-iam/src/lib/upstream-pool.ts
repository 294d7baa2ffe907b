import { connect, type Socket } from 'node:net';

/** What one request/response exchange does with its connection's events. */
export interface Exchange {
  /** Bytes from upstream. */
  data(chunk: Buffer): void;
  /** The connection closed (or failed) during the exchange. */
  closed(error: Error | undefined): void;
}

/** A kept-alive TCP connection to the upstream, carrying one exchange at a time. */
export interface UpstreamConnection {
  readonly socket: Socket;
  /** The exchange in progress; unset while idle. */
  exchange: Exchange | undefined;
}

export interface UpstreamPoolOptions {
  readonly host: string;
  readonly port: number;
  /** Connections open at most; requests beyond wait for one. */
  readonly maxSockets: number;
  /** An idle connection older than this is closed rather than reused (the upstream may be closing it). */
  readonly idleTimeoutMs: number;
}

/**
 * A bounded pool of kept-alive raw TCP connections: one exchange per connection at a time, idle
 * connections reused most-recently-used first, requests queued when all `maxSockets` are busy.
 * Listeners are attached once per connection, not per exchange.
 */
export class UpstreamPool {
  private readonly idle: { connection: UpstreamConnection; since: number }[] = [];
  private readonly waiting: ((connection: UpstreamConnection) => void)[] = [];
  private readonly all = new Set<UpstreamConnection>();
  private open = 0;
  private destroyed = false;

  constructor(private readonly options: UpstreamPoolOptions) {}

  /** Connections open now (busy and idle). */
  get size(): number {
    return this.open;
  }

  /** Calls `use` with a connection now, or as soon as one is free. */
  acquire(use: (connection: UpstreamConnection) => void): void {
    const now = Date.now();
    for (let entry = this.idle.pop(); entry; entry = this.idle.pop()) {
      if (now - entry.since <= this.options.idleTimeoutMs && !entry.connection.socket.destroyed) return use(entry.connection);
      entry.connection.socket.destroy();
    }
    if (this.open < this.options.maxSockets) return use(this.connect());
    this.waiting.push(use);
  }

  /** Hands the connection to the next waiting request, keeps it idle, or closes it when not `reusable`. */
  release(connection: UpstreamConnection, reusable: boolean): void {
    connection.exchange = undefined;
    if (!reusable || this.destroyed || connection.socket.destroyed) {
      connection.socket.destroy();
      return;
    }
    const next = this.waiting.shift();
    if (next) return next(connection);
    this.idle.push({ connection, since: Date.now() });
  }

  destroy(): void {
    this.destroyed = true;
    this.waiting.length = 0;
    this.idle.length = 0;
    for (const connection of this.all) connection.socket.destroy();
  }

  private connect(): UpstreamConnection {
    this.open++;
    const socket = connect({ host: this.options.host, port: this.options.port, noDelay: true });
    const connection: UpstreamConnection = { socket, exchange: undefined };
    this.all.add(connection);
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      if (connection.exchange) connection.exchange.data(chunk);
      else socket.destroy(); // bytes nobody asked for: the connection's framing is lost
    });
    socket.on('error', (error) => {
      failure = error;
    });
    socket.on('close', () => {
      this.open--;
      this.all.delete(connection);
      const index = this.idle.findIndex((entry) => entry.connection === connection);
      if (index >= 0) this.idle.splice(index, 1);
      const exchange = connection.exchange;
      connection.exchange = undefined;
      exchange?.closed(failure);
      // A slot is free: open a connection for the first waiting request.
      const next = this.destroyed ? undefined : this.waiting.shift();
      if (next) next(this.connect());
    });
    return connection;
  }
}
