import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StackProcess, type StackProcessOptions } from '@shop/tools-local-stack';
import { connectTo, type E2eStack } from './e2e-stack';

/** A stack of its own for one fault test: the process, and a connection to it. */
export interface FaultStack {
  readonly process: StackProcess;
  readonly stack: E2eStack;
  readonly stateDirectory: string;
  stop(): Promise<void>;
}

/**
 * Starts a stack in a fresh temporary state directory with the given options (faults, persist…).
 *
 * @example
 * const { stack, stop } = await startFaultStack({ faults: { duplicateBatches: true } });
 */
export async function startFaultStack(options: Omit<StackProcessOptions, 'stateDirectory'> & { readonly stateDirectory?: string } = {}): Promise<FaultStack> {
  const stateDirectory = options.stateDirectory ?? mkdtempSync(path.join(tmpdir(), 'shop-faults-'));
  const process = await StackProcess.start({ pollIntervalMs: 100, ...options, stateDirectory });
  const stack = connectTo(process.endpoints);
  return {
    process,
    stack,
    stateDirectory,
    stop: async () => {
      stack.close();
      await process.stop();
    },
  };
}
