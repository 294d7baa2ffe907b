/** Deployment packages and `aws_lambda_function` blocks built from the fixture handlers. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Block } from './terraform-fixtures';
import { createZip } from './zip-writer';

/** `tools/local-stack/test/fixtures/handlers` */
export const FIXTURE_HANDLERS = path.resolve(__dirname, '../../test/fixtures/handlers');

/**
 * Packs a fixture handler as `main.js` into `assets/<assetId>/<hash>/archive.zip` under a stack
 * folder, the way CDKTF lays out a TerraformAsset, and returns the relative `filename`.
 */
export function fixtureArchive(stackDirectory: string, assetId: string, fixtureFile: string): string {
  const source = readFileSync(path.join(FIXTURE_HANDLERS, fixtureFile));
  const hash = createHash('md5').update(source).digest('hex').slice(0, 32).toUpperCase();
  const relative = path.posix.join('assets', assetId, hash, 'archive.zip');
  mkdirSync(path.join(stackDirectory, path.dirname(relative)), { recursive: true });
  writeFileSync(path.join(stackDirectory, relative), createZip([{ name: 'main.js', data: source }]));
  return relative;
}

/** An `aws_lambda_function` body like infra's, for a packaged fixture. */
export const lambdaFunction = (functionName: string, filename: string, variables: Record<string, string> = {}, overrides: Block = {}): Block => ({
  function_name: functionName,
  role: '${aws_iam_role.fixture_role.arn}',
  handler: 'main.handler',
  runtime: 'nodejs24.x',
  filename,
  source_code_hash: 'fixture',
  timeout: 10,
  memory_size: 256,
  architectures: ['arm64'],
  environment: { variables },
  ...overrides,
});
