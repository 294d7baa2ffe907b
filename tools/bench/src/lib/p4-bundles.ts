import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEV_SYNTH_PATH } from '@shop/tools-local-stack';
import { BenchCorrectnessError } from './errors';
import { workspaceRoot } from './workspace-root';
import { summarize, type LatencySummary } from './stats';
import { zipEntrySizes } from './zip-sizes';

export interface P4Options {
  /** Fresh processes per bundle. */
  readonly samples: number;
}

export interface P4Bundle {
  readonly functionName: string;
  readonly bundle: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Wall time of `require(bundle)` in a fresh Node process: the module's cold init. */
  readonly init: LatencySummary;
  /** CPU time (user + system) of the same. */
  readonly initCpu: LatencySummary;
}

export interface P4Details {
  readonly options: P4Options;
  readonly node: string;
  readonly bundles: readonly P4Bundle[];
}

interface SynthFunction {
  readonly function_name?: string;
  readonly filename?: string;
  readonly handler?: string;
  readonly environment?: { readonly variables?: Record<string, string> };
}

/** Measures one cold init in a fresh process; prints `{"wallMs","cpuMs"}`. */
const PROBE = `
const { performance } = require('node:perf_hooks');
const cpu = process.cpuUsage();
const started = performance.now();
require(process.argv[1]);
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));
`;

/**
 * P4, each Lambda bundle's size and cold module init: for every function of the dev synth, the
 * bundle its handler names (the `@nx/esbuild` output under dist/apps, which the synth zips), its
 * size, and the time `require()` takes in a fresh Node process with the function's synthesized
 * environment (references replaced by placeholders, as nothing is called at init).
 */
export function runP4(options: P4Options, log: (line: string) => void): P4Details {
  const synth = JSON.parse(readFileSync(path.join(workspaceRoot, DEV_SYNTH_PATH), 'utf8')) as { resource?: { aws_lambda_function?: Record<string, SynthFunction> } };
  const functions = Object.entries(synth.resource?.aws_lambda_function ?? {});
  if (functions.length === 0) throw new BenchCorrectnessError('P4', `${DEV_SYNTH_PATH} declares no aws_lambda_function`);
  const bundles = functions.map(([address, fn]): P4Bundle => {
    const functionName = fn.function_name ?? address;
    // The deployment package (assets/<app>_bundle_<id>/<hash>/archive.zip) zips dist/apps/<app>.
    const app = /^assets\/(.+?)_bundle_/.exec(fn.filename ?? '')?.[1];
    const [handlerFile] = (fn.handler ?? 'main.handler').split('.');
    if (!app || !fn.filename) throw new BenchCorrectnessError('P4', `${address}: cannot tell its bundle from filename ${fn.filename}`);
    const bundle = path.join('dist', 'apps', app, `${handlerFile}.js`);
    const file = path.join(workspaceRoot, bundle);
    const bytes = statSync(file).size;
    const shipped = zipEntrySizes(path.join(workspaceRoot, path.dirname(DEV_SYNTH_PATH), fn.filename)).get(`${handlerFile}.js`);
    if (shipped !== bytes) throw new BenchCorrectnessError('P4', `${bundle} (${bytes} B) is not what ${fn.filename} ships (${shipped} B): run npx nx run infra:synth`);
    const environment = Object.fromEntries(Object.entries(fn.environment?.variables ?? {}).map(([name, value]) => [name, value.replace(/\$\{[^}]*\}/g, 'placeholder')]));
    const env = {
      PATH: process.env['PATH'],
      ...environment,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_LAMBDA_FUNCTION_NAME: functionName,
    };
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const run = spawnSync(process.execPath, ['-e', PROBE, file], { env, encoding: 'utf8', timeout: 30_000 });
      if (run.status !== 0) throw new BenchCorrectnessError('P4', `${bundle} failed its cold init: ${run.stderr}`);
      const measured = JSON.parse(run.stdout) as { wallMs: number; cpuMs: number };
      wall.push(measured.wallMs);
      cpu.push(measured.cpuMs);
    }
    const result = { functionName, bundle, bytes, gzipBytes: gzipSync(readFileSync(file)).length, init: summarize(wall), initCpu: summarize(cpu) };
    log(`P4 ${functionName}: ${(bytes / 1000).toFixed(1)} kB (${(result.gzipBytes / 1000).toFixed(1)} kB gzip), init p50 ${result.init.p50} ms p95 ${result.init.p95} ms`);
    return result;
  });
  return { options, node: process.version, bundles };
}
