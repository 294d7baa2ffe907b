/**
 * Which Node runs each function locally, against the runtime the synth gives it.
 *
 * Functions run in worker threads of the local stack's own process, so their Node is the one that
 * runs `npm start`. A function whose synthesized runtime names another major version (`nodejs22.x`
 * on Node 24) could use an API that its real runtime lacks, or miss one that it has: the stack says
 * so at start-up, naming both, instead of passing silently.
 */
export interface RuntimeMatch {
  readonly functionName: string;
  /** The synthesized runtime, `nodejs24.x`. */
  readonly runtime: string;
  /** The major version the runtime names (24), or undefined for a runtime that is not `nodejsN.x`. */
  readonly runtimeMajor: number | undefined;
  /** The Node that runs the function locally, `v24.22.3`. */
  readonly localNode: string;
  readonly matches: boolean;
}

/** `nodejs24.x` → 24; undefined for anything else. */
export function nodeRuntimeMajor(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/**
 * Compares each function's synthesized runtime with the local Node's major version.
 *
 * @example
 * matchRuntimes([{ functionName: 'shop-dev-orders-api', runtime: 'nodejs22.x' }], 'v24.22.3')
 * // → [{ functionName: 'shop-dev-orders-api', runtime: 'nodejs22.x', runtimeMajor: 22, localNode: 'v24.22.3', matches: false }]
 */
export function matchRuntimes(
  functions: ReadonlyArray<{ readonly functionName: string; readonly runtime: string }>,
  localNode: string = process.version,
): RuntimeMatch[] {
  const localMajor = Number(/^v?(\d+)/.exec(localNode)?.[1]);
  return functions.map(({ functionName, runtime }) => {
    const runtimeMajor = nodeRuntimeMajor(runtime);
    return { functionName, runtime, runtimeMajor, localNode, matches: runtimeMajor === localMajor };
  });
}

/** One line for a mismatch, naming both versions. */
export function describeMismatch(match: RuntimeMatch): string {
  return `${match.functionName} declares ${match.runtime} but runs locally on Node ${match.localNode}: ` +
    `run the stack on Node ${match.runtimeMajor ?? '?'} (or change the runtime in infra) to test what ships`;
}
