import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { logFunctionLine } from '../logging/function-log';
import { LogLevel, type Logger } from '../logging/logger';

interface LogFilter {
  readonly RANK: Readonly<Record<LogLevel, number>>;
  highestLevel(line: string, stream: 'stdout' | 'stderr'): LogLevel;
  filterWrites(stream: NodeJS.WritableStream, name: 'stdout' | 'stderr', threshold: number): void;
}
// Plain CommonJS, loaded by the runtime worker as it is (not through Jest's transform).
const filter = createRequire(__filename)('./log-filter.cjs') as LogFilter;

/** The level logFunctionLine logs `line` at (undefined: not at all). */
function loggedLevel(line: string, stream: 'stdout' | 'stderr'): LogLevel | undefined {
  let level: LogLevel | undefined;
  const record = (at: LogLevel) => (): void => {
    level = at;
  };
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), child: () => logger };
  logFunctionLine(logger, { functionName: 'f', requestId: 'r', stream, line });
  return level;
}

const LINES = [
  'plain text',
  '',
  '{"level":"DEBUG","message":"d","service":"s"}',
  '{"level":"INFO","message":"i"}',
  '{"level":"info","message":"lower case"}',
  '{"level":"WARN","message":"w"}',
  '{"level":"ERROR","message":"e"}',
  '{"level":"CRITICAL","message":"c"}',
  '{"level":"TRACE","message":"t"}',
  '{"level":"SILENT","message":"s"}',
  '{"level":"NOTICE","message":"unknown level"}',
  '{"level":"INFO","_aws":{"CloudWatchMetrics":[{"Metrics":[{"Name":"M"}]}]},"M":1}',
  '{"level":"DEBUG","message":"not JSON after all',
  '{"level":"DEBUG","nested":{"level":"ERROR"}}',
  '{"level":"DEBUG","level":"ERROR"}',
  '{"level":"DEBUG","lev\\u0065l":"ERROR"}',
  '{"message":"no level first","level":"ERROR"}',
  '{ "level": "DEBUG" }',
  '{"_aws":{"CloudWatchMetrics":[{"Metrics":[{"Name":"M"}]}]},"M":1}',
  '[1,2]',
  '{"message":"level last","level":"DEBUG"}',
  '{"_aws":{"CloudWatchMetrics":"not a list"},"level":"WARN"}',
  '{"_aws":null,"level":"INFO"}',
  '{ not JSON',
];

const RANK = { debug: 10, info: 20, warn: 30, error: 40 } as const;

describe('the worker-side log filter', () => {
  it.each(LINES.flatMap((line) => [[line, 'stdout'] as const, [line, 'stderr'] as const]))('never rates %j on %s below the level logFunctionLine logs it at', (line, stream) => {
    // Act
    const highest = filter.highestLevel(line, stream);
    const logged = loggedLevel(line, stream);

    // Assess: dropping below `highest` can only drop what the stack would drop itself
    expect(logged).toBeDefined();
    expect(RANK[highest]).toBeGreaterThanOrEqual(RANK[logged as LogLevel]);
  });

  it('is exact for Powertools lines and plain lines, so they can be dropped without parsing', () => {
    // Act / Assess
    expect(filter.highestLevel('{"level":"DEBUG","message":"d"}', 'stdout')).toBe('info');
    expect(filter.highestLevel('{"level":"INFO","message":"i"}', 'stdout')).toBe('info');
    expect(filter.highestLevel('{"level":"INFO","message":"i"}', 'stderr')).toBe('warn');
    expect(filter.highestLevel('{"level":"ERROR","message":"e"}', 'stdout')).toBe('error');
    expect(filter.highestLevel('plain', 'stdout')).toBe('info');
    expect(filter.highestLevel('plain', 'stderr')).toBe('warn');
  });

  it('rates the other JSON lines exactly as logFunctionLine logs them (an embedded-metrics line per invocation stays in the worker)', () => {
    // Prepare
    const emf = '{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"Shop","Dimensions":[["service"]],"Metrics":[{"Name":"OrderPlaced","Unit":"Count"}]}]},"service":"orders-api","OrderPlaced":1}';

    // Act / Assess
    expect(filter.highestLevel(emf, 'stdout')).toBe('debug');
    expect(loggedLevel(emf, 'stdout')).toBe('debug');
    expect(filter.highestLevel('{"message":"level last","level":"ERROR"}', 'stdout')).toBe('error');
    expect(filter.highestLevel('{"message":"level last","level":"DEBUG"}', 'stderr')).toBe('debug');
    expect(filter.highestLevel('{"_aws":{"CloudWatchMetrics":"not a list"},"level":"WARN"}', 'stdout')).toBe('warn');
    expect(filter.highestLevel('{ not JSON', 'stderr')).toBe('warn');
  });

  it('drops whole lines below the threshold, keeps the others byte for byte, and passes pieces of lines through', () => {
    // Prepare
    const written: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString('utf8'));
        callback();
      },
    });
    filter.filterWrites(sink, 'stdout', RANK.warn);
    const callbacks: string[] = [];

    // Act
    sink.write('{"level":"INFO","message":"dropped"}\n{"level":"WARN","message":"kept"}\nplain dropped\n', () => callbacks.push('first'));
    sink.write('{"level":"INFO","message":"only dropped"}\n', () => callbacks.push('second'));
    sink.write('{"level":"INFO","message":"in ');
    sink.write('pieces"}\n{"level":"INFO","message":"dropped after"}\n');
    sink.write(Buffer.from('bytes are passed on\n'));

    // Assess
    expect(written.join('')).toBe('{"level":"WARN","message":"kept"}\n{"level":"INFO","message":"in pieces"}\nbytes are passed on\n');
    return new Promise<void>((resolve) => setImmediate(() => {
      expect(callbacks).toEqual(['first', 'second']);
      resolve();
    }));
  });

  it('changes nothing when the stack logs at debug', () => {
    // Prepare
    const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const write = sink.write;

    // Act
    filter.filterWrites(sink, 'stdout', 0);

    // Assess
    expect(sink.write).toBe(write);
  });
});
