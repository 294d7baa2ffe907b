import path from 'node:path';

/** The workspace root: where the synth, the bundles, docs/benchmarks and the README are. */
export const workspaceRoot = path.resolve(__dirname, '../../../..');
