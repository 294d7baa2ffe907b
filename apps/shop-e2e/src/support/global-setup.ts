/**
 * Jest global setup of the e2e project: starts one local stack, as `npm start` does (on the synth
 * and bundles the test target's dependency on infra:synth has just made), and hands its endpoints
 * to the test files in SHOP_E2E_STACK. The teardown stops it with SIGTERM.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_STACK_ENV } from './constants';
import { StackProcess } from './stack-process';

declare global {
  var __SHOP_E2E_STACK__: StackProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  const stateDirectory = mkdtempSync(path.join(tmpdir(), 'shop-e2e-'));
  // 100 ms instead of AWS's 250: the same semantics, shorter waits for the stream.
  const stack = await StackProcess.start({ stateDirectory, pollIntervalMs: 100 });
  globalThis.__SHOP_E2E_STACK__ = stack;
  process.env[E2E_STACK_ENV] = JSON.stringify(stack.endpoints);
}
