/**
 * A second `npm start` on a taken port: the CLI says which port and which flag, and exits before
 * the build, DynamoDB Local or an IAM proxy starts.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCli } from './testing/cli-process';

const listen = (): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('npm start on a taken port', () => {
  it('fails at once, naming the port and --port, with nothing started', async () => {
    // Prepare: the API's port held, as by a first `npm start`
    const holder = await listen();
    const port = (holder.address() as { port: number }).port;
    const stateDirectory = mkdtempSync(path.join(tmpdir(), 'local-stack-port-'));
    try {
      // Act: without --skip-build, so a late check would start the build first
      const cli = startCli(['--port', String(port), '--state-dir', stateDirectory]);
      let stderr = '';
      cli.child.stderr.on('data', (chunk: string) => (stderr += chunk));
      const exitCode = await cli.exited;

      // Assess
      expect(exitCode).toBe(1);
      expect(stderr).toContain(`127.0.0.1:${port} is already in use, so the HTTP API cannot listen there`);
      expect(stderr).toContain('`npm start -- --port N`');
      expect(cli.lines.filter((line) => ['build', 'ddb', 'iam', 'http'].includes(line.component))).toEqual([]);
      expect(existsSync(path.join(stateDirectory, 'stack.json'))).toBe(false);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 60_000);
});
