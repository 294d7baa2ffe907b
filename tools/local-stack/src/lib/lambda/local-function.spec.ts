import path from 'node:path';
import { fixtureArchive } from '../../testing/function-fixtures';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { createLocalFunction } from './create-local-function';
import type { FunctionDefinition } from './function-definition';
import type { FunctionLogLine } from '../logging/function-log';
import type { ForwardLogsFrom } from './function-instance';
import { withJson } from './invocation';
import type { LocalFunction } from './local-function';
import { waitFor } from '../../testing/stack-harness';

const stackDirectory = temporaryStackDirectory();
const endpoints = { region: 'eu-west-1', dynamodbEndpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const started: LocalFunction[] = [];
afterAll(() => Promise.all(started.map((fn) => fn.stop())));

function fixtureFunction(name: string, fixture: string, overrides: Partial<FunctionDefinition> = {}, onLog?: (line: FunctionLogLine) => void, forwardLogsFrom?: ForwardLogsFrom): LocalFunction {
  const definition: FunctionDefinition = {
    address: `aws_lambda_function.${name}`,
    functionName: name,
    functionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${name}`,
    handler: 'main.handler',
    runtime: 'nodejs24.x',
    archivePath: path.join(stackDirectory, fixtureArchive(stackDirectory, name, fixture)),
    timeoutSeconds: 5,
    memorySizeMb: 256,
    environment: {},
    logging: { format: 'Text' },
    reservedConcurrency: undefined,
    inert: [],
    ...overrides,
  };
  const fn = createLocalFunction(definition, { cacheDirectory: path.join(stackDirectory, '.functions'), endpoints, onLog, forwardLogsFrom });
  started.push(fn);
  return fn;
}

interface Probe {
  initEnvironment: Record<string, string>;
  invocations: number;
  context: Record<string, unknown> & { remaining: number };
}

describe('LocalFunction', () => {
  it('gives each function its own environment, as read at module init', async () => {
    // Prepare
    const first = fixtureFunction('env-a', 'runtime-probe.cjs', { environment: { TABLE_NAME: 'table-a' } });
    const second = fixtureFunction('env-b', 'runtime-probe.cjs', { environment: { TABLE_NAME: 'table-b' } });

    // Act
    const [a, b] = await Promise.all([first.invoke({}), second.invoke({})]);

    // Assess
    const envA = (a.ok && (a.payload as Probe).initEnvironment) || {};
    const envB = (b.ok && (b.payload as Probe).initEnvironment) || {};
    expect([envA['TABLE_NAME'], envB['TABLE_NAME']]).toEqual(['table-a', 'table-b']);
    expect(envA).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'env-a',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      _HANDLER: 'main.handler',
    });
    expect(envA['JEST_WORKER_ID']).toBeUndefined(); // nothing of the host leaks in
  });

  it('passes a Lambda context and keeps a warm instance between invocations', async () => {
    // Prepare
    const fn = fixtureFunction('context', 'runtime-probe.cjs', { timeoutSeconds: 7, memorySizeMb: 512 });

    // Act
    const first = await fn.invoke({ hello: 'world' });
    const second = await fn.invoke({});

    // Assess
    expect(first).toMatchObject({ ok: true, coldStart: true });
    expect(second).toMatchObject({ ok: true, coldStart: false });
    const probe = (first.ok ? first.payload : undefined) as Probe;
    expect(probe.context).toMatchObject({
      functionName: 'context',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:context',
      memoryLimitInMB: '512',
      awsRequestId: first.requestId,
      logGroupName: '/aws/lambda/context',
    });
    expect(probe.context.remaining).toBeGreaterThan(6000);
    expect(probe.context.remaining).toBeLessThanOrEqual(7000);
    expect((second.ok ? second.payload : undefined) as Probe).toMatchObject({ invocations: 2 });
  });

  it('starts another instance for a concurrent invocation', async () => {
    // Prepare
    const fn = fixtureFunction('concurrent', 'runtime-probe.cjs');

    // Act
    const results = await Promise.all([fn.invoke({ action: 'sleep', ms: 200 }), fn.invoke({ action: 'sleep', ms: 200 })]);

    // Assess
    expect(results.map((r) => r.coldStart)).toEqual([true, true]);
    expect(fn.coldStartCount).toBe(2);
  });

  it('ends an invocation that runs past the timeout, and the next one starts cold', async () => {
    // Prepare
    const fn = fixtureFunction('timeout', 'runtime-probe.cjs', { timeoutSeconds: 1 });

    // Act
    const timedOut = await fn.invoke({ action: 'sleep', ms: 5000 });
    const next = await fn.invoke({});

    // Assess
    expect(timedOut).toMatchObject({ ok: false, kind: 'Timeout', error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' } });
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(1000);
    expect(timedOut.durationMs).toBeLessThan(3000);
    expect(next).toMatchObject({ ok: true, coldStart: true });
  });

  it('reports errors the way Lambda does', async () => {
    // Prepare
    const fn = fixtureFunction('errors', 'runtime-probe.cjs');
    const broken = fixtureFunction('broken', 'broken-init.cjs', { environment: { REQUIRED_NAME: 'PRODUCTS_TABLE_NAME' } });
    const callbacks = fixtureFunction('callbacks', 'callback-style.cjs');

    // Act
    const thrown = await fn.invoke({ action: 'throw', message: 'boom' });
    const unserializable = await fn.invoke({ action: 'unserializable' });
    const crashed = await fn.invoke({ action: 'crash' });
    const initFailed = await broken.invoke({});
    const viaCallback = await callbacks.invoke({});
    const callbackError = await callbacks.invoke({ fail: true });

    // Assess
    expect(thrown).toMatchObject({ ok: false, kind: 'Unhandled', error: { errorType: 'TypeError', errorMessage: 'asked to fail: boom' } });
    expect(thrown.ok === false && thrown.error.trace[0]).toContain('TypeError: asked to fail: boom');
    expect(unserializable).toMatchObject({ ok: false, error: { errorType: 'Runtime.ResponseSerialization' } });
    expect(crashed).toMatchObject({ ok: false, kind: 'Crash', error: { errorType: 'Runtime.ExitError', errorMessage: 'RangeError: thrown outside the handler' } });
    expect(initFailed).toMatchObject({
      ok: false,
      kind: 'InitError',
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: 'Error: Missing required environment variable: PRODUCTS_TABLE_NAME' },
    });
    expect(viaCallback).toMatchObject({ ok: true, payload: { via: 'callback' } });
    expect(callbackError).toMatchObject({ ok: false, error: { errorMessage: 'callback error' } });
  });

  it('warms instances before the first invocation, within maxInstances, and reports an init that fails', async () => {
    // Prepare
    const fn = fixtureFunction('prewarmed', 'runtime-probe.cjs', { reservedConcurrency: 2 });
    const broken = fixtureFunction('prewarm-broken', 'broken-init.cjs');

    // Act
    const failures = await fn.prewarm(3);
    const startedByPrewarm = fn.coldStartCount;
    const [first, second] = await Promise.all([fn.invoke({}), fn.invoke({})]);
    const brokenFailures = await broken.prewarm();
    const brokenInvocation = await broken.invoke({});

    // Assess
    expect(failures).toEqual([]);
    expect(startedByPrewarm).toBe(2); // 3 asked, 2 allowed by the reserved concurrency
    expect([first.coldStart, second.coldStart]).toEqual([false, false]);
    expect(fn.coldStartCount).toBe(2);
    expect(brokenFailures).toEqual([expect.objectContaining({ ok: false, kind: 'InitError', error: expect.objectContaining({ errorType: 'Runtime.ImportModuleError' }) })]);
    expect(brokenInvocation).toMatchObject({ ok: false, kind: 'InitError', coldStart: true }); // inits again, fails again
  });

  it('forwards what the function prints, tagged with the request id', async () => {
    // Prepare
    const lines: FunctionLogLine[] = [];
    const fn = fixtureFunction('logs', 'runtime-probe.cjs', {}, (line) => lines.push(line));

    // Act
    const result = await fn.invoke({ action: 'log' });
    // Worker streams are asynchronous: the last line of each stream may arrive after the result.
    await waitFor(() => lines.some((l) => l.line === 'hello from logs') && lines.some((l) => l.line === 'to stderr'), 'the stdout and the stderr line');

    // Assess
    expect(lines).toEqual(
      expect.arrayContaining([
        { functionName: 'logs', requestId: result.requestId, stream: 'stdout', line: 'hello from logs' },
        { functionName: 'logs', requestId: result.requestId, stream: 'stderr', line: 'to stderr' },
      ]),
    );
  });

  it('drops in the worker the lines the stack would not log at its level, and passes on the rest unchanged', async () => {
    // Prepare
    const atWarn: FunctionLogLine[] = [];
    const atDebug: FunctionLogLine[] = [];
    const warnFn = fixtureFunction('logs-warn', 'runtime-probe.cjs', {}, (line) => atWarn.push(line), 'warn');
    const debugFn = fixtureFunction('logs-debug', 'runtime-probe.cjs', {}, (line) => atDebug.push(line), 'debug');

    // Act
    await Promise.all([warnFn.invoke({ action: 'log-levels' }), debugFn.invoke({ action: 'log-levels' })]);
    // Each stream is forwarded in order, so once the last line the probe writes to stdout and to
    // stderr has arrived, every line before it has been forwarded or dropped.
    const lastOfEachStream = (seen: FunctionLogLine[]): boolean =>
      seen.some((l) => l.stream === 'stdout' && l.line === '{"level":"DEBUG","message":"in two writes"}') && seen.some((l) => l.stream === 'stderr' && l.line === 'plain stderr');
    await waitFor(() => lastOfEachStream(atWarn) && lastOfEachStream(atDebug), 'the last stdout and stderr line of both functions');

    // Assess: at warn, only WARN/ERROR lines, plain stderr, and the line written in two pieces (its level was unknown at its first piece)
    expect(new Set(atWarn.map((l) => l.line))).toEqual(new Set([
      JSON.stringify({ level: 'WARN', message: 'at WARN', service: 'probe' }),
      JSON.stringify({ level: 'ERROR', message: 'at ERROR', service: 'probe' }),
      'plain stderr',
      '{"level":"DEBUG","message":"in two writes"}',
    ]));
    expect(atDebug).toHaveLength(8);
  });

  it('hands the function an event sent as its JSON text exactly as the parsed JSON (as Lambda does)', async () => {
    // Prepare
    const fn = fixtureFunction('json-event', 'runtime-probe.cjs');
    const event = withJson({ Records: [{ eventID: 'e1', dynamodb: { SequenceNumber: '1' } }] }, () => '{"Records":[{"eventID":"e1","dynamodb":{"SequenceNumber":"1"}}],"sentAsJson":true}');

    // Act
    const result = await fn.invoke(event);

    // Assess: the text was what the worker parsed (it carries the marker the object does not)
    expect(result.ok && (result.payload as { event: unknown }).event).toEqual({ Records: [{ eventID: 'e1', dynamodb: { SequenceNumber: '1' } }], sentAsJson: true });
  });
});
