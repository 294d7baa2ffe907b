// The Lambda runtime of one function instance, run in a worker thread so that each instance has its
// own module scope and its own process.env (the function's environment, read by the handler at
// module init exactly as on Lambda). Plain CommonJS: it loads the built bundle, never TypeScript.
//
// Protocol: the parent sends {type:'invoke', id, event | eventJson, context} (eventJson: the event's JSON
// text, parsed here as Lambda's runtime parses the event it receives); the worker answers
// {type:'ready'} once the handler is loaded (or {type:'init-error', error}), then
// {type:'result', id, ok, payload | error} per invocation, one at a time.
'use strict';

const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { parentPort, workerData } = require('node:worker_threads');
const { filterWrites } = require('./log-filter.cjs');

// Lines the stack's log level drops are dropped here, before they cost a message to the main thread.
filterWrites(process.stdout, 'stdout', workerData.logThreshold || 0);
filterWrites(process.stderr, 'stderr', workerData.logThreshold || 0);

if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);

class RuntimeError extends Error {
  constructor(errorType, message) {
    super(message);
    this.name = errorType;
  }
}

/** Lambda's error payload: errorType, errorMessage, trace. */
function toLambdaError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: String(error.stack || '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

async function loadHandler() {
  const { codeDirectory, handler } = workerData;
  const lastDot = handler.lastIndexOf('.');
  if (lastDot <= 0 || lastDot === handler.length - 1) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handler}: expected <file>.<export>`);
  }
  const moduleName = handler.slice(0, lastDot);
  const exportName = handler.slice(lastDot + 1);
  const base = path.resolve(codeDirectory, moduleName);
  const file = ['.js', '.mjs', '.cjs'].map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
  let loaded;
  try {
    if (file.endsWith('.mjs')) loaded = await import(pathToFileURL(file).href);
    else {
      try {
        loaded = require(file);
      } catch (error) {
        if (error && error.code === 'ERR_REQUIRE_ESM') loaded = await import(pathToFileURL(file).href);
        else throw error;
      }
    }
  } catch (error) {
    // An exception thrown by the module's top level is an init failure of the function.
    const wrapped = new RuntimeError('Runtime.ImportModuleError', `${error && error.name ? error.name : 'Error'}: ${error && error.message ? error.message : error}`);
    wrapped.stack = error && error.stack ? error.stack : wrapped.stack;
    throw wrapped;
  }
  const fn = loaded[exportName];
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${handler} is undefined or not exported`);
  return fn;
}

function createContext(request, settle) {
  const { functionName, functionArn, memorySizeMb, logGroupName, logStreamName } = workerData;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memorySizeMb),
    awsRequestId: request.requestId,
    logGroupName,
    logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, request.deadlineMs - Date.now()),
    done: (error, value) => settle(error, value),
    succeed: (value) => settle(null, value),
    fail: (error) => settle(error ?? new Error('handled')),
  };
}

/** Calls the handler the way the Node.js runtime does: a returned promise, or the callback. */
function runHandler(fn, event, request) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(value);
    };
    const context = createContext(request, settle);
    try {
      const returned = fn(event, context, settle);
      if (returned && typeof returned.then === 'function') returned.then((value) => settle(null, value), (error) => settle(error ?? new Error('Promise rejected without a reason')));
      else if (fn.length < 3) settle(null, returned);
    } catch (error) {
      settle(error);
    }
  });
}

async function main() {
  let fn;
  try {
    fn = await loadHandler();
  } catch (error) {
    parentPort.postMessage({ type: 'init-error', error: toLambdaError(error) });
    return;
  }
  parentPort.on('message', async (message) => {
    if (message.type !== 'invoke') return;
    // One invocation at a time per instance, as on Lambda: the trace header is per invocation.
    process.env._X_AMZN_TRACE_ID = message.context.traceId;
    try {
      const event = message.eventJson === undefined ? message.event : JSON.parse(message.eventJson);
      const value = await runHandler(fn, event, message.context);
      let payload;
      try {
        payload = JSON.stringify(value === undefined ? null : value);
      } catch (error) {
        throw new RuntimeError('Runtime.ResponseSerialization', `The response could not be serialized to JSON: ${error.message}`);
      }
      parentPort.postMessage({ type: 'result', id: message.id, ok: true, payload });
    } catch (error) {
      parentPort.postMessage({ type: 'result', id: message.id, ok: false, error: toLambdaError(error) });
    }
  });
  parentPort.postMessage({ type: 'ready' });
}

main();
