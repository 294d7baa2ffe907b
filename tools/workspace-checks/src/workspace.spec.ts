/**
 * Promises the workspace makes to its users, checked the way they would check them:
 * module boundaries fail lint when crossed, and `nx affected` is exact.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');
const nx = (...args: string[]): string =>
  execFileSync(path.join(workspaceRoot, 'node_modules/.bin/nx'), args, {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });

const affectedBy = (file: string): string[] =>
  nx('show', 'projects', '--affected', `--files=${file}`, '--json')
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('['))
    .flatMap((line) => JSON.parse(line) as string[])
    .sort();

describe('module boundaries', () => {
  // The ESLint CLI, as `nx lint` runs it, on code passed through stdin under a path inside a project.
  const boundaryErrors = async (filePath: string, code: string): Promise<string[]> => {
    const run = spawnSync(
      path.join(workspaceRoot, 'node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', path.join(workspaceRoot, filePath), '--format', 'json'],
      { cwd: workspaceRoot, input: code, encoding: 'utf8' },
    );
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  };

  it('fails lint when a domain lib imports the AWS SDK', async () => {
    const errors = await boundaryErrors(
      'libs/inventory/domain/src/lib/boundary-probe.ts',
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const probe = DynamoDBClient;\n",
    );
    expect(errors).toEqual(['A project tagged with "type:domain" is not allowed to import "@aws-sdk/client-dynamodb"']);
  });

  it('fails lint when a shared lib imports a team scope', async () => {
    const errors = await boundaryErrors(
      'libs/shared/data-access-dynamodb/src/lib/boundary-probe.ts',
      "import * as inventory from '@shop/inventory-domain';\nexport const probe = inventory;\n",
    );
    expect(errors).toEqual(['A project tagged with "scope:shared" can only depend on libs tagged with "scope:shared"']);
  });

  it('lets a data-access lib import the SDK and a domain lib', async () => {
    const errors = await boundaryErrors(
      'libs/inventory/data-access/src/lib/boundary-probe.ts',
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport * as domain from '@shop/inventory-domain';\nexport const probe = [DynamoDBClient, domain];\n",
    );
    expect(errors).toEqual([]);
  });
});

describe('nx affected', () => {
  it('a change to the inventory domain affects the consumer and infra', () => {
    const affected = affectedBy('libs/inventory/domain/src/index.ts');
    expect(affected).toEqual(expect.arrayContaining(['inventory-domain', 'replenishment-consumer', 'infra']));
  });

  it('a change to the orders API does not affect the consumer', () => {
    const affected = affectedBy('apps/orders-api/src/main.ts');
    expect(affected).toContain('orders-api');
    expect(affected).toContain('infra');
    expect(affected).not.toContain('replenishment-consumer');
  });
});

describe('jest targets', () => {
  const projectsWithJestConfig = (): string[] =>
    execFileSync('git', ['ls-files', '*jest.config.cjs'], { cwd: workspaceRoot, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((file) => path.dirname(file))
      .sort();

  it('infers every test target with @nx/jest/plugin: no project.json names the @nx/jest:jest executor', () => {
    // Prepare
    const projectFiles = execFileSync('git', ['ls-files', '*project.json'], { cwd: workspaceRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
    // Act
    const usingExecutor = projectFiles.filter((file) => readFileSync(path.join(workspaceRoot, file), 'utf8').includes('@nx/jest:jest'));
    // Assess
    expect(usingExecutor).toEqual([]);
  });

  it('gives each project with a jest.config.cjs a `test` target that runs jest through the plugin', () => {
    // Prepare
    const graph = JSON.parse(nx('graph', '--file=stdout')) as {
      graph: { nodes: Record<string, { data: { root: string; targets: Record<string, { executor?: string; options?: { command?: string }; metadata?: { technologies?: string[] } }> } }> };
    };
    const byRoot = new Map(Object.values(graph.graph.nodes).map((node) => [node.data.root, node.data.targets]));
    // Act
    const targets = projectsWithJestConfig().map((root) => ({ root, test: byRoot.get(root)?.['test'] }));
    // Assess
    expect(targets.length).toBeGreaterThan(15);
    for (const { root, test } of targets) {
      expect({ root, executor: test?.executor, command: test?.options?.command, technologies: test?.metadata?.technologies }).toEqual({
        root,
        executor: 'nx:run-commands',
        command: 'jest',
        technologies: ['jest'],
      });
    }
  });
});

describe('the Node floor', () => {
  const floor = Number((JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node.replace(/^>=/, ''));
  // The guard that runs first in `npm start`/`npm test`, under a Node that reports another version.
  const guardUnder = (version: string) =>
    spawnSync(
      process.execPath,
      ['-e', `Object.defineProperty(process, 'version', { value: 'v${version}' }); Object.defineProperty(process.versions, 'node', { value: '${version}' }); require('./tools/node/require-node.cjs');`],
      { cwd: workspaceRoot, encoding: 'utf8' },
    );

  it('is the same major version in engines, .node-version, @types/node, the bundles and the Lambda runtime', () => {
    // Prepare
    const { devDependencies } = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const bundleTargets = ['apps/orders-api', 'apps/replenishment-consumer'].map(
      (root) => (JSON.parse(readFileSync(path.join(workspaceRoot, root, 'project.json'), 'utf8')) as { targets: { build: { options: { target: string } } } }).targets.build.options.target,
    );
    // Assess
    expect(devDependencies['@types/node']).toMatch(new RegExp(`^\\^?${floor}\\.`));
    expect(bundleTargets).toEqual([`node${floor}`, `node${floor}`]);
    expect(floor).toBe(24);
    expect(readFileSync(path.join(workspaceRoot, '.node-version'), 'utf8').trim()).toBe(String(floor));
    expect(readFileSync(path.join(workspaceRoot, 'infra/src/constructs/lambda-function.ts'), 'utf8')).toContain(`LAMBDA_RUNTIME = 'nodejs${floor}.x'`);
  });

  it('stops npm start and npm test on an older Node with one line saying what to install', () => {
    // Act
    const older = guardUnder('20.20.2');
    // Assess
    expect(older.status).toBe(1);
    expect(older.stdout).toBe('');
    expect(older.stderr.trim().split('\n')).toEqual([expect.stringContaining(`This project needs Node ${floor} (found v20.20.2): install it with \`npm i --prefix ~/.local/node${floor} node-`)]);
  });

  it('lets the floor version through silently', () => {
    // Act
    const current = guardUnder(`${floor}.0.0`);
    // Assess
    expect({ status: current.status, stderr: current.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('runs first in every root script that starts the system or its tests', () => {
    // Prepare
    const { scripts } = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // Assess
    for (const name of ['start', 'test', 'demo', 'dlq']) expect(scripts[name]).toMatch(/^node tools\/node\/require-node\.cjs && /);
  });
});
