import { readFileSync } from 'node:fs';
import { TerraformPolicyError } from '../errors';

/** A block of a resource or data source as CDKTF writes it (attributes in snake_case; `//` holds metadata). */
export type TerraformBlock = Readonly<Record<string, unknown>>;

/** The parts of a synthesized `cdk.tf.json` this library reads. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
}

/** A block with its Terraform address (`aws_iam_role.consumer`, `data.aws_iam_policy_document.consumer`). */
export interface AddressedBlock {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly block: TerraformBlock;
}

/**
 * Reads a synthesized stack, e.g. `infra/cdktf.out/stacks/shop-dev/cdk.tf.json`.
 *
 * @throws TerraformPolicyError when the file is not JSON
 */
export function readTerraformJson(path: string): TerraformJson {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TerraformJson;
  } catch (error) {
    throw new TerraformPolicyError(path, 'cannot read the synthesized Terraform JSON', { cause: error });
  }
}

/** Every managed resource of a type, in synth order. */
export function resourcesOfType(synth: TerraformJson, type: string): AddressedBlock[] {
  return Object.entries(synth.resource?.[type] ?? {}).map(([name, block]) => ({ address: `${type}.${name}`, type, name, block }));
}

/** The block at an address (`aws_iam_role.x` or `data.aws_iam_policy_document.x`), if declared. */
export function blockAt(synth: TerraformJson, address: string): TerraformBlock | undefined {
  const parts = address.split('.');
  if (parts[0] === 'data') return parts.length === 3 ? synth.data?.[parts[1] as string]?.[parts[2] as string] : undefined;
  return parts.length === 2 ? synth.resource?.[parts[0] as string]?.[parts[1] as string] : undefined;
}

/** A literal string attribute; `undefined` when absent. Throws when it is computed (`${...}`), naming it. */
export function literalAttribute(address: string, block: TerraformBlock, attribute: string): string | undefined {
  const value = block[attribute];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TerraformPolicyError(address, `${attribute} is not a string`);
  if (value.includes('${')) throw new TerraformPolicyError(address, `${attribute} is computed (${value}); only a literal can be resolved offline`);
  return value;
}
