/**
 * What the proxy logs through: Powertools' Logger and `console` both fit.
 *
 * @example
 * startIamProxy({ ..., logger: new Logger({ serviceName: 'local-stack' }) });
 */
export interface IamProxyLogger {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

/** Plain console output, one line per event, attributes as JSON. */
export const consoleLogger: IamProxyLogger = {
  info: (message, attributes) => console.info(line(message, attributes)),
  warn: (message, attributes) => console.warn(line(message, attributes)),
  error: (message, attributes) => console.error(line(message, attributes)),
};

function line(message: string, attributes: Record<string, unknown> | undefined): string {
  return attributes && Object.keys(attributes).length > 0 ? `${message} ${JSON.stringify(attributes)}` : message;
}
