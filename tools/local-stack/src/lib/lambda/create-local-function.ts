import type { FunctionLogLine } from '../logging/function-log';
import type { ForwardLogsFrom } from './function-instance';
import type { FunctionDefinition } from './function-definition';
import { prepareFunctionCode } from './function-code';
import { lambdaEnvironment, type LocalEndpoints } from './lambda-environment';
import { LocalFunction } from './local-function';

export interface CreateLocalFunctionOptions {
  /** Where deployment packages are unpacked (`.local/functions`). */
  readonly cacheDirectory: string;
  readonly endpoints: LocalEndpoints;
  /** Instances per function when the synth reserves no concurrency. Default 4 (2 cores here). */
  readonly defaultMaxInstances?: number;
  readonly onLog?: (line: FunctionLogLine) => void;
  /** Lines the stack would log below this level are dropped in the worker (LocalFunctionOptions.forwardLogsFrom). */
  readonly forwardLogsFrom?: ForwardLogsFrom;
}

/**
 * Turns a synthesized function into a runnable one: unpacks its archive, builds its Lambda
 * environment and caps its instances (reserved concurrency when the synth sets it).
 *
 * @example
 * const fn = createLocalFunction(definition, { cacheDirectory: '.local/functions', endpoints });
 */
export function createLocalFunction(definition: FunctionDefinition, options: CreateLocalFunctionOptions): LocalFunction {
  const codeDirectory = prepareFunctionCode(definition, options.cacheDirectory);
  return new LocalFunction(
    {
      functionName: definition.functionName,
      functionArn: definition.functionArn,
      handler: definition.handler,
      codeDirectory,
      memorySizeMb: definition.memorySizeMb,
      timeoutSeconds: definition.timeoutSeconds,
      environment: lambdaEnvironment(definition, codeDirectory, options.endpoints),
      maxInstances: definition.reservedConcurrency ?? options.defaultMaxInstances ?? 4,
    },
    { onLog: options.onLog, forwardLogsFrom: options.forwardLogsFrom },
  );
}
