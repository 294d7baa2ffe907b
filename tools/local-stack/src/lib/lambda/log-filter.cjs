// Which of a function's output lines the local stack would log, decided inside the function's worker
// thread without parsing JSON, so that lines the stack's log level drops never cross to the main thread
// (each write to a worker's stdout is a message to the main thread and one back). Plain CommonJS: the
// runtime worker requires it; function-log.ts (the main thread's side) decides the same way.
'use strict';

const RANK = { debug: 10, info: 20, warn: 30, error: 40 };
const LEVELS = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', CRITICAL: 'error', SILENT: 'debug' };
const PREFIX = '{"level":"';

/**
 * The highest level logFunctionLine can log `line` at: a plain line is logged at info (stdout) or warn
 * (stderr); a JSON line at its "level" (or that same fallback), an embedded-metrics line at debug. Lines
 * that start with Powertools' `{"level":"…"`, have no other "level" key and no escapes are rated without
 * parsing; any other line starting with `{` is parsed here, as logFunctionLine would parse it (an
 * embedded-metrics line per invocation would otherwise cross to the main thread only to be dropped there).
 */
function highestLevel(line, stream) {
  const fallback = stream === 'stderr' ? 'warn' : 'info';
  if (line.charCodeAt(0) !== 123 /* { */) return fallback;
  if (!line.startsWith(PREFIX) || line.indexOf('\\') !== -1 || line.indexOf('"level":', PREFIX.length) !== -1) return parsedLevel(line, fallback);
  const end = line.indexOf('"', PREFIX.length);
  if (end === -1) return parsedLevel(line, fallback);
  const named = LEVELS[line.slice(PREFIX.length, end).toUpperCase()] || fallback;
  return RANK[named] > RANK[fallback] ? named : fallback;
}

/** The level logFunctionLine logs a line starting with `{` at, decided the same way: parsed. */
function parsedLevel(line, fallback) {
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    return fallback;
  }
  if (!isRecord(parsed)) return fallback;
  const emf = parsed._aws;
  if (isRecord(emf) && Array.isArray(emf.CloudWatchMetrics)) return 'debug';
  return LEVELS[String(parsed.level ?? '').toUpperCase()] || fallback;
}

function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a line is kept when the stack logs from `threshold` (a rank; 0 keeps everything). */
function keeps(line, stream, threshold) {
  return threshold <= RANK.debug || RANK[highestLevel(line, stream)] >= threshold;
}

/**
 * Replaces `stream.write` so that complete lines the stack would not log are dropped. A line written in
 * pieces is passed on as it is (its level is not known when its first piece is written), as is anything
 * that is not a UTF-8 string.
 */
function filterWrites(stream, name, threshold) {
  if (threshold <= RANK.debug) return;
  const write = stream.write.bind(stream);
  let midLine = false;
  stream.write = function filteredWrite(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    if (typeof chunk !== 'string' || (encoding !== undefined && encoding !== 'utf8' && encoding !== 'utf-8')) {
      const last = typeof chunk === 'string' ? chunk.charCodeAt(chunk.length - 1) : chunk[chunk.length - 1];
      midLine = chunk.length > 0 ? last !== 10 : midLine;
      return write(chunk, encoding, callback);
    }
    let kept = '';
    let start = 0;
    if (midLine) {
      const newline = chunk.indexOf('\n');
      if (newline === -1) return write(chunk, callback);
      kept = chunk.slice(0, newline + 1);
      start = newline + 1;
      midLine = false;
    }
    while (start < chunk.length) {
      const newline = chunk.indexOf('\n', start);
      if (newline === -1) {
        kept += chunk.slice(start);
        midLine = true;
        break;
      }
      const line = chunk.slice(start, newline);
      if (keeps(line, name, threshold)) kept += chunk.slice(start, newline + 1);
      start = newline + 1;
    }
    if (kept.length > 0) return write(kept, callback);
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  };
}

module.exports = { RANK, highestLevel, keeps, filterWrites };
