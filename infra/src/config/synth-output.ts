/**
 * Where `npx nx run infra:synth` writes, relative to the repository root. Other tools (the local
 * stack) read the JSON from here, so these paths are part of infra's interface.
 */
export const SYNTH_JSON_DIR = 'infra/cdktf.out';
export const SYNTH_HCL_DIR = 'infra/cdktf.out.hcl';

/** `infra/cdktf.out/stacks/shop-dev/cdk.tf.json` */
export const synthesizedStackFile = (stack: string): string => `${SYNTH_JSON_DIR}/stacks/${stack}/cdk.tf.json`;

/** `infra/cdktf.out.hcl/stacks/shop-dev/cdk.tf` */
export const synthesizedHclFile = (stack: string): string => `${SYNTH_HCL_DIR}/stacks/${stack}/cdk.tf`;
