/**
 * `npm start`: builds what is missing, synthesizes, and runs the whole system locally on DynamoDB
 * Local from the synthesized Terraform, until Ctrl-C or SIGTERM.
 *
 *   npm start -- [--port 3000] [--host 127.0.0.1] [--dynamodb-port N | --dynamodb-endpoint URL]
 *                [--poll-interval-ms 250] [--skip-build] [--synth PATH] [--state-dir .local]
 *                [--persist DIR] [--iam enforce|warn|off] [--auth jwt|off] [--no-prewarm]
 *                [--fault-duplicate-batches] [--fault-fail-rate 0.2] [--fault-delay-ms N]
 *                [--fault-drop-connection-every N] [--fault-seed N]
 *                [--log-format pretty|json] [--log-level debug|info|warn|error]
 *
 * Each --fault-* flag can also be set with its LOCAL_STACK_FAULT_* variable (the flag wins).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createOpenApiDocument } from '@shop/orders-api-contract';
import { parseIamMode, type IamMode } from '@shop/tools-local-iam';
import { AuthMode, parseAuthMode } from './lib/auth/auth-mode';
import { DEFAULT_POLL_INTERVAL_MS } from './lib/constants';
import { describeFaults, faultSettingsFromEnvironment, parseFaultSettings, type FaultSettings } from './lib/faults/fault-settings';
import { createLogger, LogLevel, type Logger } from './lib/logging/logger';
import { TerminalSink } from './lib/logging/terminal-sink';
import { LOCAL_DEVELOPER_SUBJECT } from './lib/auth/unverified-context';
import { BANNER_TOKEN_SECONDS, readyBanner } from './lib/stack/banner';
import { startLocalStack, type LocalStack } from './lib/stack/local-stack';
import { assertPortsFree, stackListeners } from './lib/stack/port-check';
import { StatusReporter } from './lib/stack/status-reporter';
import { DEV_SYNTH_PATH, synthesize } from './lib/stack/synthesize';

const workspaceRoot = path.resolve(__dirname, '../../..');
const AUTH_OFF_WARNING = '--auth off: NO TOKEN IS CHECKED. Every request reaches the functions (as local-developer with the route\'s scopes, or with the unverified claims of the token it sends). For quick hacking only; API Gateway answers 401/403 where this does not.';

interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly dynamodbPort: number | undefined;
  readonly dynamodbEndpoint: string | undefined;
  readonly pollIntervalMs: number;
  readonly prewarm: boolean;
  readonly skipBuild: boolean;
  readonly synthPath: string;
  readonly stateDirectory: string;
  readonly persistDirectory: string | undefined;
  readonly iamMode: IamMode;
  readonly authMode: AuthMode;
  readonly faults: FaultSettings;
  readonly logFormat: 'pretty' | 'json';
  readonly logLevel: LogLevel;
}

function parseOptions(argv: string[], interactive: boolean): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'dynamodb-port': { type: 'string' },
      'dynamodb-endpoint': { type: 'string' },
      'poll-interval-ms': { type: 'string', default: String(DEFAULT_POLL_INTERVAL_MS) },
      // --no-prewarm: every function inits on its first invocation.
      prewarm: { type: 'boolean', default: true },
      'skip-build': { type: 'boolean', default: false },
      synth: { type: 'string', default: DEV_SYNTH_PATH },
      'state-dir': { type: 'string', default: '.local' },
      persist: { type: 'string' },
      iam: { type: 'string' },
      auth: { type: 'string' },
      'fault-duplicate-batches': { type: 'boolean' },
      'fault-fail-rate': { type: 'string' },
      'fault-delay-ms': { type: 'string' },
      'fault-drop-connection-every': { type: 'string' },
      'fault-seed': { type: 'string' },
      'fault-dynamodb': { type: 'string', multiple: true },
      'log-format': { type: 'string' },
      'log-level': { type: 'string', default: LogLevel.Info },
    },
    strict: true,
    allowNegative: true,
  });
  const integer = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const logFormat = values['log-format'] ?? (interactive ? 'pretty' : 'json');
  if (logFormat !== 'pretty' && logFormat !== 'json') throw new RangeError(`--log-format must be pretty or json, got "${logFormat}"`);
  const logLevel = values['log-level'] as LogLevel;
  if (!Object.values(LogLevel).includes(logLevel)) throw new RangeError(`--log-level must be one of ${Object.values(LogLevel).join(', ')}`);
  // Flags win over the LOCAL_STACK_FAULT_* variables, setting by setting.
  const fromEnvironment = faultSettingsFromEnvironment(process.env);
  const faults = parseFaultSettings({
    duplicateBatches: values['fault-duplicate-batches'] ?? fromEnvironment.duplicateBatches,
    failRate: values['fault-fail-rate'] ?? fromEnvironment.failRate,
    delayMs: values['fault-delay-ms'] ?? fromEnvironment.delayMs,
    dropConnectionEvery: values['fault-drop-connection-every'] ?? fromEnvironment.dropConnectionEvery,
    dynamodb: values['fault-dynamodb'] ?? fromEnvironment.dynamodb,
    seed: values['fault-seed'] ?? fromEnvironment.seed,
  });
  return {
    port: integer('port', values.port, 0, 65_535) as number,
    host: values.host as string,
    dynamodbPort: integer('dynamodb-port', values['dynamodb-port'], 1, 65_535),
    dynamodbEndpoint: values['dynamodb-endpoint'],
    pollIntervalMs: integer('poll-interval-ms', values['poll-interval-ms'], 10, 60_000) as number,
    prewarm: values.prewarm as boolean,
    skipBuild: values['skip-build'] as boolean,
    synthPath: path.resolve(workspaceRoot, values.synth as string),
    stateDirectory: path.resolve(workspaceRoot, values['state-dir'] as string),
    persistDirectory: values.persist === undefined ? undefined : path.resolve(workspaceRoot, values.persist),
    iamMode: parseIamMode(values.iam),
    authMode: parseAuthMode(values.auth),
    faults,
    logFormat,
    logLevel,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const sink = new TerminalSink(process.stdout);
  const options = parseOptions(process.argv.slice(2), sink.interactive);
  const logger = createLogger({ format: options.logFormat, level: options.logLevel, sink, color: sink.interactive && options.logFormat === 'pretty' });
  // A taken port ends the run here, before the build, DynamoDB Local or an IAM proxy starts.
  await assertPortsFree(stackListeners(options));

  // Filled in as start-up progresses; a signal may arrive at any point.
  const running: { stack?: LocalStack; reporter?: StatusReporter } = {};
  const startup = new AbortController();
  let stoppingSince: number | undefined;
  const shutdown = (signal: NodeJS.Signals): void => {
    // npm and tsx relay the terminal's signal, so one Ctrl-C can arrive twice within a moment:
    // only a second press, later, skips the orderly stop.
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < 1000) return;
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    logger.info(`${signal}: stopping the local stack…`);
    startup.abort();
    running.reporter?.stop();
    void (running.stack?.stop() ?? Promise.resolve()).then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.error('stop failed', { error: error.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  // `npm start` runs this under npm and tsx; if they die without passing a signal on (SIGKILL), the
  // stack would run on as an orphan, holding its ports and its JVM: stop when the parent is gone.
  const parent = process.ppid;
  const orphanCheck = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanCheck);
    logger.warn('the parent process is gone; stopping');
    shutdown('SIGHUP');
  }, 1000);
  orphanCheck.unref();

  const startupLogger = logger.child('stack');
  startupLogger.info(`IAM: ${options.iamMode}`, { iam: options.iamMode });
  if (options.authMode === AuthMode.Off) startupLogger.warn(AUTH_OFF_WARNING, { auth: options.authMode });
  if (options.persistDirectory) startupLogger.info('persisting DynamoDB Local\'s data and the mappings\' checkpoints', { persist: options.persistDirectory });
  const faults = describeFaults(options.faults);
  if (faults.length > 0) startupLogger.warn(`injecting faults: ${faults.join(' ')}`, { faults: options.faults });
  if (!options.skipBuild) await synthesize(workspaceRoot, logger.child('build'), startup.signal);
  if (stoppingSince !== undefined) return;
  const stack = await startLocalStack({
    synthPath: options.synthPath,
    stateDirectory: options.stateDirectory,
    dynamodbEndpoint: options.dynamodbEndpoint,
    dynamodbPort: options.dynamodbPort,
    host: options.host,
    port: options.port,
    pollIntervalMs: options.pollIntervalMs,
    prewarm: options.prewarm,
    persistDirectory: options.persistDirectory,
    iamMode: options.iamMode,
    authMode: options.authMode,
    faults: options.faults,
    logger,
    openApiDocument: (serverUrl) => createOpenApiDocument({ serverUrl }),
  });
  running.stack = stack;
  if (stoppingSince !== undefined) {
    await stack.stop();
    return;
  }
  for (const note of stack.notEmulated) logger.debug(`not emulated: ${note}`);
  logger.child('stack').info(`${stack.notEmulated.length} synth settings have no local effect (KMS, alarms, resource policies, …); --log-level debug lists them`);
  await announce(logger, options, stack, Date.now() - started);
  running.reporter = new StatusReporter(() => stack.pollerStatus(), sink, logger.child('status'));
  running.reporter.start();
}

async function announce(logger: Logger, options: CliOptions, stack: LocalStack, startedInMs: number): Promise<void> {
  if (options.logFormat === 'pretty') {
    const token =
      stack.issuer && stack.authMode === AuthMode.Jwt
        ? await stack.issuer.sign({ subject: LOCAL_DEVELOPER_SUBJECT, scopes: stack.scopes, audience: stack.audience[0] as string, expiresInSeconds: BANNER_TOKEN_SECONDS })
        : undefined;
    process.stdout.write(`\n${readyBanner(stack, startedInMs, options.stateDirectory, token)}\n\n`);
    return;
  }
  logger.child('stack').info('ready', {
    apiUrl: stack.apiUrl,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    dynamodbLocal: stack.dynamodbLocalVersion,
    functionsNode: process.version,
    runtimes: stack.runtimes.map(({ functionName, runtime, matches }) => ({ functionName, runtime, matches })),
    region: stack.region,
    tables: stack.stackFile.tables,
    dlq: stack.stackFile.dlq?.directory,
    stackFile: path.join(options.stateDirectory, 'stack.json'),
    metricsFile: stack.metricsFile,
    iam: stack.iamMode,
    auth: stack.authMode,
    issuer: stack.issuer?.url,
    persist: stack.persistDirectory,
    faults: describeFaults(stack.faults),
    startedInMs,
  });
}

main().catch((error: unknown) => {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e === error ? e.message : `caused by: ${e.message}`);
  console.error(messages.length > 0 ? messages.join('\n') : String(error));
  process.exit(1);
});
