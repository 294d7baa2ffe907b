import { isRecord, type TerraformBlock } from '@shop/shared-util-terraform-json';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';

/** Refuses Terraform meta-arguments that would change how many resources exist or where. */
export function assertPlainResource(resource: TerraformBlock): void {
  for (const meta of ['count', 'for_each'] as const) {
    if (resource.config[meta] !== undefined) {
      throw new UnsupportedAttributeError(resource.address, meta, 'declare each resource on its own');
    }
  }
  const provider = resource.config['provider'];
  if (provider !== undefined && provider !== 'aws') {
    throw new UnsupportedAttributeError(resource.address, 'provider', `only the default aws provider (one region) runs locally, not "${String(provider)}"`);
  }
}

/** The value of a required string attribute, or an {@link InvalidResourceError}. */
export function requiredString(resource: TerraformBlock, attribute: string): string {
  const value = resource.config[attribute];
  if (typeof value !== 'string' || value === '') {
    throw new InvalidResourceError(resource.address, `"${attribute}" must be a non-empty string`);
  }
  return value;
}

/**
 * A nested block as Terraform JSON writes it: CDKTF emits single blocks as objects and repeated
 * ones as arrays; both are read as a list.
 */
export function blockList(resource: TerraformBlock, attribute: string): Record<string, unknown>[] {
  const value = resource.config[attribute];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every(isRecord)) throw new InvalidResourceError(resource.address, `"${attribute}" must be a block`);
  return list;
}
