import { rmSync } from 'node:fs';
import { TerraformAsset, Testing } from 'cdktf';
import type { StageConfig } from '../config/stage-config';
import { ShopStack } from '../stacks/shop-stack';
import type { TerraformJson } from '@shop/shared-util-terraform-json';

/** One stage synthesized in memory, the way `cdktf synth` would write it (minus CDKTF's metadata). */
export interface SynthesizedStage {
  readonly stack: ShopStack;
  /** The Terraform JSON text, as the `toHaveResourceWithProperties` matchers take it. */
  readonly text: string;
  readonly json: TerraformJson;
  /** The text with every asset hash replaced by `<asset-hash>`: stable across builds, for snapshots. */
  readonly stableText: string;
}

/**
 * Synthesizes one stage with the real bundles (`dist/apps/*` must be built; the infra `test`
 * target depends on both builds). Validations run, as in `cdktf synth`. Call it once per test file.
 */
export function synthStage(config: StageConfig): SynthesizedStage {
  const app = Testing.app();
  try {
    const stack = new ShopStack(app, { config });
    const text = Testing.synth(stack, true);
    const hashes = stack.node.findAll().flatMap((node) => (node instanceof TerraformAsset ? [node.assetHash] : []));
    const stableText = hashes.reduce((blanked, hash) => blanked.replaceAll(hash, '<asset-hash>'), text);
    return { stack, text, json: JSON.parse(text) as TerraformJson, stableText };
  } finally {
    // Testing.app() makes an output folder; Testing.synth writes nothing into it.
    rmSync(app.outdir, { recursive: true, force: true });
  }
}
