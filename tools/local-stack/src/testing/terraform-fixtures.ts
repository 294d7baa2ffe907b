/**
 * Terraform JSON fixtures shaped like CDKTF's output (`//` metadata, single blocks as objects,
 * references as `${type.name.attr}`), for tests of the readers without running the real synth.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProductsTable, ReplenishmentTable } from '@shop/shared-table-design';
import { terraformTableBlock } from '@shop/shared-table-design/testing';
import { TerraformDocument } from '@shop/shared-util-terraform-json';

export type Block = Record<string, unknown>;
export type ResourceBlocks = Record<string, Record<string, Block>>;

/** A short unique prefix so tests sharing one DynamoDB Local never share a table. */
export const uniquePrefix = (label = 't'): string => `${label}-${randomUUID().slice(0, 8)}`;

/** A temporary folder standing in for `cdktf.out/stacks/<stack>/`. */
export const temporaryStackDirectory = (): string => mkdtempSync(path.join(tmpdir(), 'local-stack-synth-'));

/** Wraps resource (and data) blocks into a Terraform JSON document with an aws provider. */
export function terraformJson(resource: ResourceBlocks, options: { region?: string; data?: ResourceBlocks } = {}): Block {
  const withMetadata = (blocks: ResourceBlocks): ResourceBlocks =>
    Object.fromEntries(
      Object.entries(blocks).map(([type, byName]) => [
        type,
        Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, { '//': { metadata: { path: `fixture/${name}`, uniqueId: name } }, ...body }])),
      ]),
    );
  return {
    '//': { metadata: { backend: 'local', stackName: 'fixture', version: '0.21.0' }, outputs: {} },
    provider: { aws: [{ region: options.region ?? 'us-east-1', default_tags: [{ tags: { project: 'shop', stage: 'test' } }] }] },
    resource: withMetadata(resource),
    ...(options.data && { data: withMetadata(options.data) }),
    terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
  };
}

/** A document from blocks, rooted in `baseDirectory` (where asset paths resolve). */
export function fixtureDocument(resource: ResourceBlocks, options: { region?: string; data?: ResourceBlocks; baseDirectory?: string } = {}): TerraformDocument {
  const baseDirectory = options.baseDirectory ?? temporaryStackDirectory();
  return TerraformDocument.fromJson(terraformJson(resource, options), { source: path.join(baseDirectory, 'cdk.tf.json'), baseDirectory });
}

/** An `aws_dynamodb_table` body like infra's products table (stream on), derived from `ProductsTable`. */
export const streamTable = (name: string, overrides: Block = {}): Block => ({
  ...terraformTableBlock(ProductsTable, name),
  point_in_time_recovery: { enabled: true },
  server_side_encryption: { enabled: true },
  ...overrides,
});

/** An `aws_dynamodb_table` body with a GSI, like infra's replenishment table, derived from `ReplenishmentTable`. */
export const indexedTable = (name: string, overrides: Block = {}): Block => ({ ...terraformTableBlock(ReplenishmentTable, name), ...overrides });
