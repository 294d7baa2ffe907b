/**
 * Copies of the real dev synth (`infra/cdktf.out/stacks/shop-dev/cdk.tf.json`, built by the test
 * target's dependency on infra:synth) for tests: table names made unique so tests can share the
 * Jest run's DynamoDB Local, function packages pointed at the real bundles, and an optional edit
 * (a wrong policy, fewer retries) applied to the JSON the way a mistaken infra change would be.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_SYNTH_PATH } from '../lib/stack/synthesize';
import { temporaryStackDirectory, uniquePrefix } from './terraform-fixtures';

const workspaceRoot = path.resolve(__dirname, '../../../..');

/** Terraform JSON, loosely typed for editing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SynthJson = Record<string, any>;

export interface RealSynthCopy {
  readonly synthPath: string;
  /** Logical table id (`products`) → the copy's physical name. */
  readonly tables: Readonly<Record<string, string>>;
}

/** Writes an edited copy of the real dev synth into a temporary folder. */
export function realSynthCopy(edit: (synth: SynthJson) => void = () => undefined): RealSynthCopy {
  const source = path.join(workspaceRoot, DEV_SYNTH_PATH);
  if (!existsSync(source)) throw new Error(`${DEV_SYNTH_PATH} is missing: run \`npx nx run infra:synth\` (the test target depends on it)`);
  const synth = JSON.parse(readFileSync(source, 'utf8')) as SynthJson;
  const prefix = uniquePrefix('real');
  const tables: Record<string, string> = {};
  for (const [name, table] of Object.entries(synth['resource']['aws_dynamodb_table'] as Record<string, SynthJson>)) {
    table['name'] = `${prefix}-${name}`;
    tables[name] = table['name'];
  }
  for (const fn of Object.values(synth['resource']['aws_lambda_function'] as Record<string, SynthJson>)) {
    fn['filename'] = path.resolve(path.dirname(source), fn['filename']);
  }
  edit(synth);
  const synthPath = path.join(temporaryStackDirectory(), 'cdk.tf.json');
  writeFileSync(synthPath, JSON.stringify(synth, null, 2));
  return { synthPath, tables };
}

/** The statement with this Sid in a `data.aws_iam_policy_document` of the synth. */
export function policyStatement(synth: SynthJson, document: string, sid: string): SynthJson {
  const statements = synth['data']['aws_iam_policy_document'][document]['statement'] as SynthJson[];
  const statement = statements.find((s) => s['sid'] === sid);
  if (!statement) throw new Error(`data.aws_iam_policy_document.${document} has no statement ${sid}`);
  return statement;
}
