import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlockAttributeError, InvalidTerraformJsonError } from './errors';
import { TerraformDocument } from './terraform-document';
import { blockAt, literalAttribute, readTerraformJson, resourcesOfType } from './terraform-json';

const json = {
  '//': { metadata: { stackName: 'fixture' } },
  provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1' }] },
  resource: {
    aws_sqs_queue: { z_dlq: { '//': { metadata: { path: 'x' } }, name: 'dlq' }, a_main: { name: '${var.prefix}-main' } },
    aws_lambda_function: { fn: { filename: 'assets/fn.zip' } },
  },
  data: { aws_region: { current: {} } },
};

describe('TerraformDocument', () => {
  const document = TerraformDocument.fromJson(json, { source: '/stacks/dev/cdk.tf.json', baseDirectory: '/stacks/dev' });

  it('lists blocks by type in synth order, with their addresses and without CDKTF metadata', () => {
    // Act / Assess
    expect(document.resources('aws_sqs_queue')).toEqual([
      { type: 'aws_sqs_queue', name: 'z_dlq', address: 'aws_sqs_queue.z_dlq', config: { name: 'dlq' } },
      { type: 'aws_sqs_queue', name: 'a_main', address: 'aws_sqs_queue.a_main', config: { name: '${var.prefix}-main' } },
    ]);
    expect(document.dataSources('aws_region').map((block) => block.address)).toEqual(['data.aws_region.current']);
    expect(document.resourceTypes()).toEqual(['aws_sqs_queue', 'aws_lambda_function']);
    expect(document.resources('aws_sns_topic')).toEqual([]);
  });

  it('finds a block by address, and nothing for an address that is not one', () => {
    // Act / Assess
    expect(document.find('aws_sqs_queue.z_dlq')?.config).toEqual({ name: 'dlq' });
    expect(document.find('data.aws_region.current')?.type).toBe('aws_region');
    expect(document.find('aws_sqs_queue.missing')).toBeUndefined();
    expect(document.find('aws_sqs_queue')).toBeUndefined();
    expect(blockAt(json, 'aws_sqs_queue.z_dlq.arn')).toBeUndefined();
  });

  it("reads the default provider's region and resolves asset paths against the synth's folder", () => {
    // Act / Assess
    expect(document.region()).toBe('eu-west-1');
    expect(document.resolvePath('assets/fn.zip')).toBe(path.resolve('/stacks/dev/assets/fn.zip'));
    const computed = TerraformDocument.fromJson({ provider: { aws: { region: '${var.region}' } } }, { source: 's', baseDirectory: '/' });
    expect(() => computed.region()).toThrow('The default "aws" provider must set a literal region (s)');
  });

  it('refuses JSON that is not shaped like Terraform JSON, naming the file', () => {
    // Act / Assess
    expect(() => TerraformDocument.fromJson([], { source: 'f.json', baseDirectory: '/' })).toThrow('Terraform JSON must be an object (f.json)');
    expect(() => TerraformDocument.fromJson({ resource: { aws_sqs_queue: { q: 'x' } } }, { source: 'f.json', baseDirectory: '/' })).toThrow(
      '"resource" must map each type to named blocks (objects)',
    );
    expect(() => TerraformDocument.fromJson({ data: [] }, { source: 'f.json', baseDirectory: '/' })).toThrow(InvalidTerraformJsonError);
  });

  it('loads a file, and says what is wrong with a missing or broken one', () => {
    // Prepare
    const folder = mkdtempSync(path.join(tmpdir(), 'terraform-json-'));
    writeFileSync(path.join(folder, 'cdk.tf.json'), JSON.stringify(json));
    writeFileSync(path.join(folder, 'broken.json'), '{ "resource": ');

    // Act
    const loaded = TerraformDocument.load(path.join(folder, 'cdk.tf.json'));

    // Assess
    expect(loaded.baseDirectory).toBe(folder);
    expect(loaded.resources('aws_lambda_function')).toHaveLength(1);
    expect(() => TerraformDocument.load(path.join(folder, 'missing.json'))).toThrow('does not exist; run `npx nx run infra:synth`');
    expect(() => readTerraformJson(path.join(folder, 'broken.json'))).toThrow('The synthesized Terraform is not valid JSON');
    expect(() => readTerraformJson(path.join(folder, 'missing.json'))).toThrow(InvalidTerraformJsonError);
  });
});

describe('literalAttribute', () => {
  it('reads a literal string and refuses a computed or non-string one, naming the block', () => {
    // Prepare
    const [dlq, main] = resourcesOfType(json, 'aws_sqs_queue');

    // Act / Assess
    expect(literalAttribute(dlq!, 'name')).toBe('dlq');
    expect(literalAttribute(dlq!, 'fifo_queue')).toBeUndefined();
    expect(() => literalAttribute(main!, 'name')).toThrow('aws_sqs_queue.a_main: name is computed');
    expect(() => literalAttribute({ ...dlq!, config: { name: 3 } }, 'name')).toThrow(BlockAttributeError);
  });
});
