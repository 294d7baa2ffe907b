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
