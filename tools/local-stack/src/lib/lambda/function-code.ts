import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FunctionCodeError } from '../errors';
import type { FunctionDefinition } from './function-definition';
import { extractZip } from './zip-archive';

/**
 * Unpacks a function's deployment package into `<cacheDirectory>/<function>/<archive hash>/` and
 * returns that folder: the code that runs is exactly what Terraform would upload. An archive
 * already unpacked is reused; older versions of the same function are removed.
 */
export function prepareFunctionCode(definition: Pick<FunctionDefinition, 'functionName' | 'archivePath'>, cacheDirectory: string): string {
  const hash = createHash('sha256').update(readFileSync(definition.archivePath)).digest('hex').slice(0, 16);
  const functionDirectory = path.join(cacheDirectory, definition.functionName);
  const target = path.join(functionDirectory, hash);
  if (!existsSync(target)) {
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    try {
      const entries = extractZip(definition.archivePath, partial);
      if (entries.length === 0) throw new FunctionCodeError(definition.functionName, `the deployment package ${definition.archivePath} is empty`);
      renameSync(partial, target); // atomic: a folder named by its hash is always complete
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (error instanceof FunctionCodeError) throw error;
      throw new FunctionCodeError(definition.functionName, `cannot unpack ${definition.archivePath}`, { cause: error });
    }
  }
  mkdirSync(functionDirectory, { recursive: true });
  for (const old of readdirSync(functionDirectory)) {
    if (old !== hash) rmSync(path.join(functionDirectory, old), { recursive: true, force: true });
  }
  return target;
}
