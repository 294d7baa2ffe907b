/**
 * Jest global setup: one local stack per Jest run, as `npm start` runs it (a child process, on
 * the synth and bundles the test target's dependency on infra:synth has just made), shared by that
 * run's test files. Use it from a project's jest.config.cjs:
 *   globalSetup: '<rootDir>/../../tools/local-stack/src/jest/global-setup.ts',
 *   globalTeardown: '<rootDir>/../../tools/local-stack/src/jest/global-teardown.ts',
 * Test files read the stack's endpoints from LOCAL_STACK_ENDPOINTS_ENV (JSON of StackEndpoints).
 * Only relative imports: Jest does not map workspace aliases in a global setup.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StackProcess } from '../lib/child/stack-process';
import { LOCAL_STACK_ENDPOINTS_ENV } from '../lib/constants';

declare global {
  var __LOCAL_STACK_PROCESS__: StackProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  const stateDirectory = mkdtempSync(path.join(tmpdir(), 'shop-e2e-'));
  // 100 ms instead of AWS's 250: the same semantics, shorter waits for the stream.
  const stack = await StackProcess.start({ stateDirectory, pollIntervalMs: 100 });
  globalThis.__LOCAL_STACK_PROCESS__ = stack;
  process.env[LOCAL_STACK_ENDPOINTS_ENV] = JSON.stringify(stack.endpoints);
}
