import { TerraformPolicyError } from '../errors';
import type { PolicyDocument, PolicyStatement } from '../types';
import type { TerraformValue } from '@shop/shared-util-terraform-json';

type Block = { readonly [key: string]: TerraformValue };

/**
 * Renders an evaluated `data.aws_iam_policy_document` block to the JSON document Terraform's AWS
 * provider produces: `source_policy_documents` first, this block's statements replacing same-Sid
 * ones, then `override_policy_documents`; `effect` defaults to Allow; `&{var}` becomes the IAM
 * policy variable `${var}`.
 *
 * @throws TerraformPolicyError when a statement or a source document is malformed
 */
export function renderPolicyDocumentDataSource(address: string, block: Block): PolicyDocument {
  let statements: PolicyStatement[] = [];
  for (const source of stringList(address, block['source_policy_documents'])) {
    statements = mergeBySid(statements, statementsOfJson(address, source));
  }
  statements = mergeBySid(statements, list(block['statement']).map((s, i) => renderStatement(address, s, i)));
  for (const override of stringList(address, block['override_policy_documents'])) {
    statements = mergeBySid(statements, statementsOfJson(address, override));
  }
  const policyId = block['policy_id'];
  return {
    Version: typeof block['version'] === 'string' ? block['version'] : '2012-10-17',
    ...(typeof policyId === 'string' ? { Id: policyId } : {}),
    Statement: statements,
  };
}

function renderStatement(address: string, value: TerraformValue, index: number): PolicyStatement {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new TerraformPolicyError(address, `statement ${index + 1} is not an object`);
  }
  const s = value as Block;
  const statement: Record<string, unknown> = {};
  if (typeof s['sid'] === 'string' && s['sid'] !== '') statement['Sid'] = s['sid'];
  statement['Effect'] = typeof s['effect'] === 'string' ? s['effect'] : 'Allow';
  for (const [from, to] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const values = stringList(address, s[from]).map(policyVariables);
    if (values.length > 0) statement[to] = values.length === 1 ? values[0] : values;
  }
  for (const [from, to] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const principals = renderPrincipals(address, s[from]);
    if (principals !== undefined) statement[to] = principals;
  }
  const conditions = list(s['condition']);
  if (conditions.length > 0) statement['Condition'] = renderConditions(address, conditions);
  return statement;
}

function renderPrincipals(address: string, value: TerraformValue | undefined): unknown {
  const blocks = list(value) as Block[];
  if (blocks.length === 0) return undefined;
  const byType: Record<string, string[]> = {};
  for (const block of blocks) {
    const type = String(block['type']);
    byType[type] = [...(byType[type] ?? []), ...stringList(address, block['identifiers'])];
  }
  if (Object.keys(byType).length === 1 && byType['*']?.every((id) => id === '*')) return '*';
  return Object.fromEntries(Object.entries(byType).map(([type, ids]) => [type, ids.length === 1 ? ids[0] : ids]));
}

function renderConditions(address: string, blocks: readonly TerraformValue[]): Record<string, Record<string, string[]>> {
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const value of blocks) {
    const block = value as Block;
    const test = String(block['test']);
    const variable = String(block['variable']);
    const operator = (conditions[test] ??= {});
    operator[variable] = [...(operator[variable] ?? []), ...stringList(address, block['values']).map(policyVariables)];
  }
  return conditions;
}

function statementsOfJson(address: string, json: string): PolicyStatement[] {
  try {
    const document = JSON.parse(json) as { Statement?: PolicyStatement | PolicyStatement[] };
    return list(document.Statement as TerraformValue) as PolicyStatement[];
  } catch (error) {
    throw new TerraformPolicyError(address, 'a source or override policy document is not JSON', { cause: error });
  }
}

/** Later statements replace earlier ones with the same non-empty Sid; the rest are appended. */
function mergeBySid(base: readonly PolicyStatement[], additions: readonly PolicyStatement[]): PolicyStatement[] {
  const merged = [...base];
  for (const statement of additions) {
    const sid = statement['Sid'];
    const at = typeof sid === 'string' && sid !== '' ? merged.findIndex((s) => s['Sid'] === sid) : -1;
    if (at >= 0) merged[at] = statement;
    else merged.push(statement);
  }
  return merged;
}

function policyVariables(value: string): string {
  return value.replaceAll('&{', '${');
}

function list(value: TerraformValue | undefined): readonly TerraformValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value as TerraformValue];
}

function stringList(address: string, value: TerraformValue | undefined): string[] {
  return list(value).map((item) => {
    if (typeof item !== 'string') throw new TerraformPolicyError(address, `expected a string, got ${JSON.stringify(item)}`);
    return item;
  });
}
