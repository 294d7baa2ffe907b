import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidTerraformJsonError } from './errors';
import {
  blockAt,
  dataSourcesOfType,
  parseTerraformJson,
  providerRegion,
  readTerraformJson,
  resourcesOfType,
  resourceTypes,
  type TerraformBlock,
  type TerraformJson,
} from './terraform-json';

/**
 * A synthesized stack together with where it lives: the functions of this library over one
 * `cdk.tf.json`, plus the folder its relative paths (asset archives) resolve against, where
 * Terraform runs.
 *
 * @example
 * const synth = TerraformDocument.load('infra/cdktf.out/stacks/shop-dev/cdk.tf.json');
 * synth.resources('aws_dynamodb_table').map((table) => table.address);
 */
export class TerraformDocument {
  private constructor(
    readonly source: string,
    readonly baseDirectory: string,
    readonly json: TerraformJson,
  ) {}

  /**
   * Reads and checks a `cdk.tf.json`.
   *
   * @throws InvalidTerraformJsonError
   */
  static load(synthPath: string): TerraformDocument {
    const absolute = path.resolve(synthPath);
    if (!existsSync(absolute)) {
      throw new InvalidTerraformJsonError(absolute, 'The synthesized Terraform does not exist; run `npx nx run infra:synth`');
    }
    return new TerraformDocument(absolute, path.dirname(absolute), readTerraformJson(absolute));
  }

  /** Wraps already-parsed Terraform JSON (tests build fixtures this way). */
  static fromJson(json: unknown, options: { source: string; baseDirectory: string }): TerraformDocument {
    return new TerraformDocument(options.source, options.baseDirectory, parseTerraformJson(json, options.source));
  }

  /** Every `resource` block of one type, in the order the synth lists them. */
  resources(type: string): TerraformBlock[] {
    return resourcesOfType(this.json, type);
  }

  /** Every `data` block of one type. */
  dataSources(type: string): TerraformBlock[] {
    return dataSourcesOfType(this.json, type);
  }

  /** Every resource type the synth declares. */
  resourceTypes(): string[] {
    return resourceTypes(this.json);
  }

  /** Looks a block up by its address (`aws_sqs_queue.dlq`, `data.aws_region.current`). */
  find(address: string): TerraformBlock | undefined {
    return blockAt(this.json, address);
  }

  /** The region of the default `aws` provider. */
  region(): string {
    return providerRegion(this.json, this.source);
  }

  /** Resolves a path from the synth (e.g. an asset's `filename`) against the synth's folder. */
  resolvePath(relativeOrAbsolute: string): string {
    return path.resolve(this.baseDirectory, relativeOrAbsolute);
  }
}
