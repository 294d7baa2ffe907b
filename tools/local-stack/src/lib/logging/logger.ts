import { inspect } from 'node:util';

export const LogLevel = { Debug: 'debug', Info: 'info', Warn: 'warn', Error: 'error' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Readonly<Record<string, unknown>>;

/** The stack's logger: one component per part (`ddb`, `esm:<mapping>`, `http`, `fn:<name>`). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(component: string): Logger;
  /** Whether a line at `level` would be written (absent: every level is). Lets callers skip work for dropped lines. */
  enabled?(level: LogLevel): boolean;
}

/** Where formatted lines go; the terminal sink also keeps a status line under them. */
export interface LogSink {
  writeLine(line: string): void;
}

export interface LoggerOptions {
  /** `pretty` for people at a terminal, `json` (one object per line) for everything else. */
  readonly format: 'pretty' | 'json';
  readonly level?: LogLevel;
  readonly sink: LogSink;
  readonly component?: string;
  /** ANSI colours (pretty only). */
  readonly color?: boolean;
}

const COLORS = { debug: '\x1b[90m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m', dim: '\x1b[2m', reset: '\x1b[0m' } as const;

/**
 * A small structured logger. Pretty: `12:00:01.250 INFO  esm:consumer  batch done  records=3`;
 * JSON: `{"time":"…","level":"info","component":"esm:consumer","message":"batch done","records":3}`.
 *
 * @example
 * const logger = createLogger({ format: process.stdout.isTTY ? 'pretty' : 'json', sink: { writeLine: (l) => process.stdout.write(`${l}\n`) } });
 * logger.child('http').info('listening', { url: 'http://127.0.0.1:3000' });
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = RANK[options.level ?? LogLevel.Info];
  const component = options.component ?? 'stack';
  const write = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (RANK[level] < threshold) return;
    const now = new Date();
    options.sink.writeLine(options.format === 'json' ? jsonLine(now, level, component, message, fields) : prettyLine(now, level, component, message, fields, options.color ?? false));
  };
  return {
    debug: (message, fields) => write(LogLevel.Debug, message, fields),
    info: (message, fields) => write(LogLevel.Info, message, fields),
    warn: (message, fields) => write(LogLevel.Warn, message, fields),
    error: (message, fields) => write(LogLevel.Error, message, fields),
    child: (child) => createLogger({ ...options, component: child }),
    enabled: (level) => RANK[level] >= threshold,
  };
}

/** The lowest level `logger` writes, or undefined when it writes nothing at all. */
export function lowestEnabledLevel(logger: Logger): LogLevel | undefined {
  if (!logger.enabled) return LogLevel.Debug;
  return (Object.values(LogLevel) as LogLevel[]).find((level) => logger.enabled?.(level));
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  enabled: () => false,
};

function jsonLine(now: Date, level: LogLevel, component: string, message: string, fields: LogFields): string {
  return JSON.stringify({ time: now.toISOString(), level, component, message, ...serializable(fields) });
}

function prettyLine(now: Date, level: LogLevel, component: string, message: string, fields: LogFields, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${COLORS.reset}` : text);
  const time = now.toTimeString().slice(0, 8) + '.' + String(now.getMilliseconds()).padStart(3, '0');
  const extras = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : inspect(value, { breakLength: Infinity, depth: 4, colors: false })}`)
    .join(' ');
  return `${paint(COLORS.dim, time)} ${paint(COLORS[level], level.toUpperCase().padEnd(5))} ${paint(COLORS.dim, component.padEnd(14))} ${message}${extras ? `  ${paint(COLORS.dim, extras)}` : ''}`;
}

function serializable(fields: LogFields): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value]),
  );
}
