import path from 'node:path';

/** The workspace root: where the synth, the bundles and `node_modules/.bin` are. */
export const workspaceRoot = path.resolve(__dirname, '../../../..');
