import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { LOCAL_CREDENTIALS } from '@shop/tools-dynamodb-local';
import type { HttpApiService } from '@shop/tools-local-stack';
import { BenchError } from './errors';
import { serverlessService, serverlessYml } from './p1-peer-service';

/** The peer and the versions it is measured at (installed on demand, never into the workspace's lock file). */
export const PEER_PACKAGES = { serverless: '3', 'serverless-offline': '13' } as const;

/** serverless-offline serving the synth's API in a child process of its own. */
export interface RunningPeer {
  readonly url: string;
  /** The node process running serverless (its worker threads run the functions). */
  readonly pid: number;
  readonly versions: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

const installedMajor = (scratch: string, name: string): string | undefined => {
  const file = path.join(scratch, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
};

/**
 * Installs `serverless@3` and `serverless-offline@13` into `scratch` (`npm install --prefix`)
 * unless they are there already; returns their versions. Throws a {@link BenchError} saying what
 * npm answered when it cannot.
 */
export function ensurePeerInstalled(scratch: string, log: (line: string) => void): Record<string, string> {
  const versions = (): Record<string, string | undefined> => Object.fromEntries(Object.keys(PEER_PACKAGES).map((name) => [name, installedMajor(scratch, name)]));
  const fits = (found: Record<string, string | undefined>): boolean => Object.entries(PEER_PACKAGES).every(([name, major]) => found[name]?.split('.')[0] === major);
  if (!fits(versions())) {
    mkdirSync(scratch, { recursive: true });
    if (!existsSync(path.join(scratch, 'package.json'))) writeFileSync(path.join(scratch, 'package.json'), '{ "private": true }\n');
    const specs = Object.entries(PEER_PACKAGES).map(([name, major]) => `${name}@${major}`);
    log(`P1: installing ${specs.join(' ')} into ${scratch}`);
    const npm = spawnSync('npm', ['install', '--prefix', scratch, '--no-audit', '--no-fund', '--loglevel=error', ...specs], { encoding: 'utf8', timeout: 600_000 });
    if (npm.status !== 0) throw new BenchError(`npm install ${specs.join(' ')} failed (${npm.error?.message ?? `exit ${npm.status}`}): ${(npm.stderr ?? '').trim().slice(-800)}`);
  }
  const found = versions();
  if (!fits(found)) throw new BenchError(`the scratch install in ${scratch} does not hold ${JSON.stringify(PEER_PACKAGES)}: ${JSON.stringify(found)}`);
  return found as Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Any HTTP answer from `url` (a 404 is fine): the server listens. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const outgoing = request(url, { method: 'GET', timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    outgoing.on('error', () => resolve(false));
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.end();
  });
}

export interface StartPeerOptions {
  readonly scratch: string;
  readonly service: HttpApiService;
  readonly synthPath: string;
  /** The built bundle of each function, by function name. */
  readonly bundleDirectories: Readonly<Record<string, string>>;
  readonly dynamodbEndpoint: string;
  readonly readyTimeoutMs?: number;
}

/**
 * Writes serverless.yml (generated from the synth) into `<scratch>/service` and runs
 * `serverless offline start --ignoreJWTSignature` there, the functions' DynamoDB client pointed at
 * the benchmark's DynamoDB Local (serverless-offline passes the `AWS_*` variables of its own
 * environment to the functions). Resolves once it answers HTTP.
 */
export async function startPeer(options: StartPeerOptions): Promise<RunningPeer> {
  const versions = Object.fromEntries(Object.keys(PEER_PACKAGES).map((name) => [name, installedMajor(options.scratch, name) ?? '?']));
  const serviceDirectory = path.join(options.scratch, 'service');
  mkdirSync(serviceDirectory, { recursive: true });
  const host = '127.0.0.1';
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const service = serverlessService(options.service, { serviceDirectory, bundleDirectories: options.bundleDirectories, host, httpPort, lambdaPort });
  writeFileSync(path.join(serviceDirectory, 'serverless.yml'), serverlessYml(service, options.synthPath));
  const cli = path.join(options.scratch, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const output: string[] = [];
  // $1 is node, the rest its arguments. A watchdog ends the peer when this process goes away without
  // stopping it (its stdin pipe closes), as tools/dynamodb-local does for its JVM; the peer's pid is
  // reported on stderr (its CPU time is what is measured, not the shell's).
  const script = ['exec 3<&0', '"$@" </dev/null 3<&- &', 'peer=$!', 'echo "P1_PEER_PID=$peer" >&2', '( cat <&3 >/dev/null; kill -TERM "$peer" 2>/dev/null ) &', 'wait "$peer"'].join('\n');
  const child: ChildProcess = spawn('bash', ['-c', script, 'serverless-offline', process.execPath, cli, 'offline', 'start', '--ignoreJWTSignature'], {
    cwd: serviceDirectory,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: options.dynamodbEndpoint,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      SLS_DEPRECATION_DISABLE: '*',
    },
  });
  // Drained, so a chatty peer never blocks on a full pipe; the tail explains a failed start.
  let peerPid: number | undefined;
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    const reported = /^P1_PEER_PID=(\d+)$/m.exec(text);
    if (reported) peerPid = Number(reported[1]);
    output.push(text);
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (peerPid) process.kill(peerPid, name);
    } catch {
      // already gone
    }
  };
  const stop = async (): Promise<void> => {
    if (exited !== undefined) return;
    signal('SIGTERM');
    child.stdin?.end();
    const timer = setTimeout(() => signal('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  const url = `http://${host}:${httpPort}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  while (!(await answers(url))) {
    if (exited !== undefined || Date.now() > deadline) {
      await stop();
      throw new BenchError(`serverless-offline did not start (${exited !== undefined ? `exit ${exited}` : 'timed out'}): ${output.join('').trim().slice(-1500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!peerPid) {
    await stop();
    throw new BenchError('serverless-offline started, but its process id was not reported');
  }
  return { url, pid: peerPid, versions, stop };
}

/**
 * The folder of `dist/apps/` whose handler module is byte for byte the code the local stack runs
 * (the deployment package it unpacked under `<stack state>/functions/<function>/<hash>/`): the
 * peer then runs the very same bundle. A bundle rebuilt after the synth matches nothing and is an
 * error (synthesize again).
 */
export function builtBundleOf(definition: { readonly functionName: string; readonly handler: string }, stackStateDirectory: string, distApps: string): string {
  const moduleFile = `${definition.handler.slice(0, definition.handler.lastIndexOf('.'))}.js`;
  const unpacked = path.join(stackStateDirectory, 'functions', definition.functionName);
  const [hash] = existsSync(unpacked) ? readdirSync(unpacked).filter((name) => !name.includes('.partial-')) : [];
  if (!hash) throw new BenchError(`the local stack has not unpacked ${definition.functionName} under ${unpacked}`);
  const deployed = readFileSync(path.join(unpacked, hash, moduleFile));
  for (const app of existsSync(distApps) ? readdirSync(distApps) : []) {
    const candidate = path.join(distApps, app, moduleFile);
    if (existsSync(candidate) && readFileSync(candidate).equals(deployed)) return path.join(distApps, app);
  }
  throw new BenchError(`no bundle under ${distApps} is the deployment package of ${definition.functionName}: build and synthesize again (npx nx run infra:synth)`);
}
