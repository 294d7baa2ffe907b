/**
 * `npm start` end to end: the CLI's entry point on the real synth and the real bundles (the test
 * target depends on infra:synth), its own DynamoDB Local, the API answering a product story
 * through `npm run demo`'s entry point, and a clean SIGTERM shutdown with no JVM left.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_SYNTH_PATH } from './lib/stack/synthesize';
import { isRunning, startCli } from './testing/cli-process';

const workspaceRoot = path.resolve(__dirname, '../../..');
const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');

describe('npm start', () => {
  it('runs the synthesized system, answers a product story, and stops cleanly on SIGTERM', async () => {
    // Prepare
    const synthPath = path.join(workspaceRoot, DEV_SYNTH_PATH);
    if (!existsSync(synthPath)) throw new Error(`${DEV_SYNTH_PATH} is missing: run \`npx nx run infra:synth\` (the test target depends on it)`);
    const stateDirectory = mkdtempSync(path.join(tmpdir(), 'local-stack-e2e-'));
    const started = Date.now();
    const output = startCli(['--skip-build', '--port', '0', '--state-dir', stateDirectory, '--poll-interval-ms', '100']);
    const stack = output.child;
    try {
      const ddb = await output.next((l) => l.component === 'ddb' && l.message === 'DynamoDB Local is up', 60_000);
      const ready = await output.next((l) => l.message === 'ready', 60_000);
      const readyInMs = Date.now() - started;
      const apiUrl = ready['apiUrl'] as string;

      // Act
      const withoutToken = await fetch(`${apiUrl}/products/p%231234`);
      const openApi = await fetch(`${apiUrl}/openapi.json`);
      const openApiDocument: unknown = await openApi.json();
      const demo = spawn(tsx, ['--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/demo.ts', '--state-dir', stateDirectory], { cwd: workspaceRoot });
      let demoOutput = '';
      demo.stdout.setEncoding('utf8').on('data', (chunk: string) => (demoOutput += chunk));
      demo.stderr.setEncoding('utf8').on('data', (chunk: string) => (demoOutput += chunk));
      const demoExit = await new Promise<number | null>((resolve) => demo.once('exit', resolve));
      const stackFile = JSON.parse(readFileSync(path.join(stateDirectory, 'stack.json'), 'utf8')) as Record<string, unknown>;
      stack.kill('SIGTERM');
      const exitCode = await output.exited;

      // Assess
      expect(readyInMs).toBeLessThan(60_000);
      expect([withoutToken.status, await withoutToken.json()]).toEqual([401, { message: 'Unauthorized' }]);
      expect(openApi.status).toBe(200);
      expect(openApiDocument).toMatchObject({ openapi: '3.1.0', servers: [{ url: apiUrl }] });
      expect({ demoExit, demoOutput }).toMatchObject({ demoExit: 0, demoOutput: expect.stringContaining('Stock 69, nothing on order: 51 - 42 sold + 2 lots received.') });
      expect(stackFile).toMatchObject({
        apiUrl,
        dynamodbEndpoint: ddb['endpoint'],
        region: 'us-east-1',
        tables: { products: 'shop-dev-products', orders: 'shop-dev-orders', replenishment: 'shop-dev-replenishment' },
        dlq: { name: 'shop-dev-replenishment-consumer-dlq', directory: path.join(stateDirectory, 'dlq', 'shop-dev-replenishment-consumer-dlq') },
        auth: { mode: 'jwt', issuer: apiUrl, audience: ['storefront', 'back_office', 'warehouse'], signingKeyFile: path.join(stateDirectory, 'issuer', 'signing-key.json') },
        functions: {
          'shop-dev-orders-api': { dynamodbEndpoint: expect.stringMatching(/^http:\/\/[\w.]+:\d+$/) },
          'shop-dev-replenishment-consumer': { dynamodbEndpoint: expect.stringMatching(/^http:\/\/[\w.]+:\d+$/) },
        },
      });
      // IAM enforced: each function reaches DynamoDB through a proxy of its own.
      const functionEndpoints = Object.values(stackFile['functions'] as Record<string, { dynamodbEndpoint: string }>).map((f) => f.dynamodbEndpoint);
      expect(new Set([ddb['endpoint'], ...functionEndpoints]).size).toBe(3);
      expect(ready).toMatchObject({
        dynamodbLocal: expect.stringMatching(/^3\.\d+\.\d+$/),
        functionsNode: process.version,
        runtimes: [
          { functionName: 'shop-dev-orders-api', runtime: 'nodejs24.x', matches: true },
          { functionName: 'shop-dev-replenishment-consumer', runtime: 'nodejs24.x', matches: true },
        ],
      });
      expect(output.lines).toContainEqual(expect.objectContaining({ component: 'stack', message: 'IAM: enforce' })); // the default, printed at start-up
      expect(exitCode).toBe(0);
      expect(existsSync(path.join(stateDirectory, 'stack.json'))).toBe(false);
      expect(isRunning(ddb['javaPid'] as number)).toBe(false);
    } finally {
      if (stack.exitCode === null) stack.kill('SIGKILL');
    }
  }, 150_000);
});
