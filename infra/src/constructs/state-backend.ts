import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { StageConfig } from '../config/stage-config';

/**
 * Terraform runs in `infra/cdktf.out/stacks/<stack>/` (and `cdktf.out.hcl/stacks/<stack>/`), so a
 * path relative to infra/ is three levels up from there. Relative on purpose: CDKTF's default is an
 * absolute path of the machine that synthesized.
 */
export const STACK_DIR_TO_INFRA = '../../..';

/**
 * The stage's state backend: a local file under infra/ by default (gitignored), or S3 with
 * S3-native locking for shared stages.
 */
export function configureStateBackend(stack: TerraformStack, stackName: string, state: StageConfig['state']): void {
  if (state.kind === 'local') {
    new LocalBackend(stack, { path: `${STACK_DIR_TO_INFRA}/${state.path ?? `terraform.${stackName}.tfstate`}` });
    return;
  }
  const backend = new S3Backend(stack, { bucket: state.bucket, key: state.key, region: state.region, encrypt: true });
  // Not in CDKTF 0.21's typed config (archived before Terraform 1.10 shipped it); written as-is.
  if (state.useLockfile) backend.addOverride('use_lockfile', true);
}
