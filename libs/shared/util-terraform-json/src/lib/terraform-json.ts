import { readFileSync } from 'node:fs';
import { BlockAttributeError, InvalidTerraformJsonError } from './errors';

/** Blocks of one kind (`resource` or `data`), keyed by type, then by name. */
export type BlockMap = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** A synthesized `cdk.tf.json`: the parts the readers of the workspace look at. */
export interface TerraformJson {
  readonly terraform?: Readonly<Record<string, unknown>>;
  readonly provider?: Readonly<Record<string, unknown>>;
  readonly resource?: BlockMap;
  readonly data?: BlockMap;
  readonly output?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly variable?: Readonly<Record<string, unknown>>;
  readonly locals?: Readonly<Record<string, unknown>>;
}

/** One `resource` or `data` block with its Terraform address. */
export interface TerraformBlock {
  /** `aws_dynamodb_table` */
  readonly type: string;
  /** The block label: `products_table_1A2B3C` */
  readonly name: string;
  /** `aws_dynamodb_table.products_table_1A2B3C`, or `data.aws_region.current` */
  readonly address: string;
  /** The block body, CDKTF's `//` metadata removed. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that parsed JSON is shaped like Terraform JSON (`resource` and `data` map each type to
 * named object blocks); `source` names it in errors.
 *
 * @throws InvalidTerraformJsonError
 */
export function parseTerraformJson(json: unknown, source: string): TerraformJson {
  if (!isRecord(json)) throw new InvalidTerraformJsonError(source, 'Terraform JSON must be an object');
  for (const key of ['resource', 'data'] as const) {
    const value = json[key];
    if (value === undefined) continue;
    const valid = isRecord(value) && Object.values(value).every((byName) => isRecord(byName) && Object.values(byName).every(isRecord));
    if (!valid) throw new InvalidTerraformJsonError(source, `"${key}" must map each type to named blocks (objects)`);
  }
  return json as TerraformJson;
}

/**
 * Reads a synthesized stack, e.g. `infra/cdktf.out/stacks/shop-dev/cdk.tf.json`.
 *
 * @throws InvalidTerraformJsonError when the file is missing, not JSON, or not Terraform JSON
 */
export function readTerraformJson(file: string): TerraformJson {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InvalidTerraformJsonError(file, 'The synthesized Terraform cannot be read; run `npx nx run infra:synth`', { cause });
  }
  try {
    return parseTerraformJson(JSON.parse(text), file);
  } catch (cause) {
    if (cause instanceof InvalidTerraformJsonError) throw cause;
    throw new InvalidTerraformJsonError(file, 'The synthesized Terraform is not valid JSON', { cause });
  }
}

/** Every `resource` block of one type, in the order the synth lists them. */
export function resourcesOfType(json: TerraformJson, type: string): TerraformBlock[] {
  return blocksOf(json.resource, type, '');
}

/** Every `data` block of one type, in the order the synth lists them. */
export function dataSourcesOfType(json: TerraformJson, type: string): TerraformBlock[] {
  return blocksOf(json.data, type, 'data.');
}

/** Every resource type the synth declares. */
export function resourceTypes(json: TerraformJson): string[] {
  return Object.keys(json.resource ?? {});
}

/** The block at an address (`aws_sqs_queue.dlq`, `data.aws_region.current`), if declared. */
export function blockAt(json: TerraformJson, address: string): TerraformBlock | undefined {
  const parts = address.split('.');
  const isData = parts[0] === 'data';
  const [type, name, ...rest] = isData ? parts.slice(1) : parts;
  if (!type || !name || rest.length > 0) return undefined;
  return (isData ? dataSourcesOfType(json, type) : resourcesOfType(json, type)).find((block) => block.name === name);
}

/** A literal string attribute; `undefined` when absent. Throws when it is not a string or is computed (`${...}`), naming it. */
export function literalAttribute(block: TerraformBlock, attribute: string): string | undefined {
  const value = block.config[attribute];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BlockAttributeError(block.address, `${attribute} is not a string`);
  if (value.includes('${')) throw new BlockAttributeError(block.address, `${attribute} is computed (${value}); only a literal can be resolved offline`);
  return value;
}

/**
 * The region of the default `aws` provider (the one without an alias).
 *
 * @throws InvalidTerraformJsonError when it sets no literal region
 */
export function providerRegion(json: TerraformJson, source: string): string {
  const providers = json.provider?.['aws'];
  const list = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  const defaults = list.filter((p): p is Record<string, unknown> => isRecord(p) && p['alias'] === undefined);
  const region = defaults[0]?.['region'];
  if (typeof region !== 'string' || region.includes('${')) {
    throw new InvalidTerraformJsonError(source, 'The default "aws" provider must set a literal region');
  }
  return region;
}

function blocksOf(map: BlockMap | undefined, type: string, prefix: string): TerraformBlock[] {
  return Object.entries(map?.[type] ?? {}).map(([name, body]) => {
    const config = Object.fromEntries(Object.entries(body).filter(([key]) => key !== '//'));
    return { type, name, address: `${prefix}${type}.${name}`, config };
  });
}
