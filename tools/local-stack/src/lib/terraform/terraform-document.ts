import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidResourceError, SynthError, UnsupportedAttributeError } from '../errors';

/** One `resource` (or `data`) block of Terraform JSON. */
export interface TerraformResource {
  /** `aws_dynamodb_table` */
  readonly type: string;
  /** The block label: `products_table_1A2B3C` */
  readonly name: string;
  /** `aws_dynamodb_table.products_table_1A2B3C`, or `data.aws_region.current` */
  readonly address: string;
  /** The block body, with CDKTF's `//` metadata removed. */
  readonly config: Readonly<Record<string, unknown>>;
}

type BlockMap = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Synthesized Terraform JSON (`cdk.tf.json`), read the way Terraform reads it: `resource` and `data`
 * blocks keyed by type then name, the `aws` provider for the region. Relative file paths in it
 * (asset archives) are relative to the folder holding the file, where Terraform runs.
 *
 * @example
 * const synth = TerraformDocument.load('infra/cdktf.out/stacks/shop-dev/cdk.tf.json');
 * synth.resources('aws_dynamodb_table').map((table) => table.address);
 */
export class TerraformDocument {
  private constructor(
    readonly source: string,
    readonly baseDirectory: string,
    private readonly json: Readonly<Record<string, unknown>>,
  ) {}

  /** Reads and checks a `cdk.tf.json`. */
  static load(synthPath: string): TerraformDocument {
    const absolute = path.resolve(synthPath);
    if (!existsSync(absolute)) {
      throw new SynthError(absolute, 'The synthesized Terraform does not exist; run `npx nx run infra:synth`');
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(absolute, 'utf8'));
    } catch (cause) {
      throw new SynthError(absolute, 'The synthesized Terraform is not valid JSON', { cause });
    }
    return TerraformDocument.fromJson(json, { source: absolute, baseDirectory: path.dirname(absolute) });
  }

  /** Wraps already-parsed Terraform JSON (tests build fixtures this way). */
  static fromJson(json: unknown, options: { source: string; baseDirectory: string }): TerraformDocument {
    if (!isRecord(json)) throw new SynthError(options.source, 'Terraform JSON must be an object');
    for (const key of ['resource', 'data'] as const) {
      if (json[key] !== undefined) assertBlockMap(json[key], key, options.source);
    }
    return new TerraformDocument(options.source, options.baseDirectory, json);
  }

  /** The document as parsed (for readers that take Terraform JSON, e.g. the IAM policy reader). */
  toJson(): Readonly<Record<string, unknown>> {
    return this.json;
  }

  /** Every `resource` block of one type, in the order the synth lists them. */
  resources(type: string): TerraformResource[] {
    return blocksOf(this.json['resource'] as BlockMap | undefined, type, '');
  }

  /** Every `data` block of one type. */
  dataSources(type: string): TerraformResource[] {
    return blocksOf(this.json['data'] as BlockMap | undefined, type, 'data.');
  }

  /** Every resource type the synth declares. */
  resourceTypes(): string[] {
    return Object.keys((this.json['resource'] as BlockMap | undefined) ?? {});
  }

  /** Looks a block up by its address (`aws_sqs_queue.dlq`, `data.aws_region.current`). */
  find(address: string): TerraformResource | undefined {
    const isData = address.startsWith('data.');
    const [type, name] = (isData ? address.slice(5) : address).split('.');
    if (!type || !name) return undefined;
    return (isData ? this.dataSources(type) : this.resources(type)).find((block) => block.name === name);
  }

  /**
   * The region of the default `aws` provider. A resource that names another provider (an alias)
   * is refused by the readers, since DynamoDB Local has one region.
   */
  region(): string {
    const providers = (this.json['provider'] as Record<string, unknown> | undefined)?.['aws'];
    const list = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
    const defaults = list.filter((p): p is Record<string, unknown> => isRecord(p) && p['alias'] === undefined);
    const region = defaults[0]?.['region'];
    if (typeof region !== 'string' || region.includes('${')) {
      throw new SynthError(this.source, 'The default "aws" provider must set a literal region');
    }
    return region;
  }

  /** Resolves a path from the synth (e.g. an asset's `filename`) against the synth's folder. */
  resolvePath(relativeOrAbsolute: string): string {
    return path.resolve(this.baseDirectory, relativeOrAbsolute);
  }
}

/** Refuses Terraform meta-arguments that would change how many resources exist or where. */
export function assertPlainResource(resource: TerraformResource): void {
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
export function requiredString(resource: TerraformResource, attribute: string): string {
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
export function blockList(resource: TerraformResource, attribute: string): Record<string, unknown>[] {
  const value = resource.config[attribute];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every(isRecord)) throw new InvalidResourceError(resource.address, `"${attribute}" must be a block`);
  return list;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function blocksOf(map: BlockMap | undefined, type: string, prefix: string): TerraformResource[] {
  const byName = map?.[type] ?? {};
  return Object.entries(byName).map(([name, body]) => {
    const config = Object.fromEntries(Object.entries(body).filter(([key]) => key !== '//'));
    return { type, name, address: `${prefix}${type}.${name}`, config };
  });
}

function assertBlockMap(value: unknown, key: string, source: string): asserts value is BlockMap {
  const valid =
    isRecord(value) && Object.values(value).every((byName) => isRecord(byName) && Object.values(byName).every((body) => isRecord(body)));
  if (!valid) throw new SynthError(source, `"${key}" must map each type to named blocks (objects)`);
}
