import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

/**
 * The Lambda bundle's budget, checked on the bundle the build target makes (same esbuild config,
 * same project.json options), built in memory: ≤ 500 kB, no X-Ray SDK, self-contained.
 */
const MAX_BUNDLE_BYTES = 500 * 1000;
const workspaceRoot = path.resolve(__dirname, '../../..');
const projectRoot = path.resolve(__dirname, '..');

interface BuildTargetOptions {
  main: string;
  tsConfig: string;
  platform: BuildOptions['platform'];
  target: string;
  format: Array<'cjs' | 'esm'>;
  esbuildConfig: string;
}

async function buildBundle(): Promise<{ code: string; metafile: Metafile }> {
  const project = JSON.parse(readFileSync(path.join(projectRoot, 'project.json'), 'utf8')) as { targets: { build: { options: BuildTargetOptions } } };
  const options = project.targets.build.options;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(workspaceRoot, options.esbuildConfig)) as BuildOptions;
  const result = await build({
    ...config,
    absWorkingDir: workspaceRoot,
    entryPoints: [options.main],
    tsconfig: options.tsConfig,
    platform: options.platform,
    target: options.target,
    format: options.format[0],
    bundle: true,
    minify: true,
    metafile: true,
    write: false,
    outfile: 'main.js',
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('main.js'));
  if (!output) throw new Error('esbuild produced no main.js');
  return { code: output.text, metafile: result.metafile };
}

describe('orders-api bundle', () => {
  let bundle: { code: string; metafile: Metafile };

  beforeAll(async () => {
    bundle = await buildBundle();
  }, 60_000);

  it(`stays within ${MAX_BUNDLE_BYTES / 1000} kB`, () => {
    const bytes = Buffer.byteLength(bundle.code);
    const largest = Object.entries(
      Object.values(bundle.metafile.outputs)[0]?.inputs ?? {},
    ).reduce<Record<string, number>>((acc, [file, { bytesInOutput }]) => {
      const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 3).join('/');
      return { ...acc, [owner]: (acc[owner] ?? 0) + bytesInOutput };
    }, {});
    const top = Object.entries(largest).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([owner, size]) => `${owner} ${size}`);
    expect({ bytes, withinBudget: bytes <= MAX_BUNDLE_BYTES, top }).toEqual({ bytes, withinBudget: true, top });
  });

  it('leaves out the X-Ray SDK and the credential providers Lambda never needs', () => {
    const bundled = Object.entries(Object.values(bundle.metafile.outputs)[0]?.inputs ?? {}).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
    expect(bundled.map(([file]) => file).filter((file) => /aws-xray-sdk-core|@aws-lambda-powertools\/tracer|@aws-sdk\/nested-clients|credential-provider-(ini|sso)/.test(file))).toEqual([]);
  });

  it('loads on its own, outside the workspace, with only the environment Lambda sets', () => {
    // Prepare: no node_modules anywhere above this directory
    const directory = mkdtempSync(path.join(tmpdir(), 'orders-api-bundle-'));
    writeFileSync(path.join(directory, 'main.js'), bundle.code);

    try {
      // Act
      const exported = execFileSync(process.execPath, ['-e', "console.log(Object.keys(require('./main.js')).sort().join(','))"], {
        cwd: directory,
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'],
          PRODUCTS_TABLE_NAME: 'products',
          ORDERS_TABLE_NAME: 'orders',
          REPLENISHMENT_TABLE_NAME: 'replenishment',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        },
      });

      // Assess
      expect(exported.trim().split(',')).toEqual(['handler']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('fails its cold start naming every missing table variable', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'orders-api-bundle-'));
    writeFileSync(path.join(directory, 'main.js'), bundle.code);
    try {
      const attempt = (): string =>
        execFileSync(process.execPath, ['-e', "require('./main.js')"], { cwd: directory, encoding: 'utf8', stdio: 'pipe', env: { PATH: process.env['PATH'] } });
      expect(attempt).toThrow(/Missing required environment variables: PRODUCTS_TABLE_NAME, ORDERS_TABLE_NAME, REPLENISHMENT_TABLE_NAME/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
