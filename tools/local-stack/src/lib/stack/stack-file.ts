import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TABLES } from '@shop/shared-table-design';
import { STACK_FILE_NAME } from '../constants';
import { StackNotRunningError } from '../errors';
import type { StackFileAuth } from '../auth/api-authorization';
import type { FunctionDefinition } from '../lambda/function-definition';
import type { ProvisionedTable } from '../provisioning/provision-tables';

/** `.local/stack.json`: how scripts and people reach the running stack. */
export interface StackFile {
  readonly apiUrl: string | undefined;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  /** Logical table id (products, orders, replenishment) → physical name. */
  readonly tables: Readonly<Record<string, string>>;
  /** The on-failure destination of the stream mapping: a local queue, one JSON file per message. */
  readonly dlq: { readonly name: string; readonly arn: string; readonly url: string; readonly directory: string } | undefined;
  /**
   * Function name → the DynamoDB endpoint its clients are given: its IAM proxy (or a fault relay in
   * front of it), or DynamoDB Local itself when IAM is off. A request DynamoDB Local receives
   * through a function's proxy keeps that endpoint in its `Host`.
   */
  readonly functions: Readonly<Record<string, { readonly dynamodbEndpoint: string }>>;
  /**
   * The local issuer that signs the tokens the API's JWT authorizer accepts (`npm run token`), or
   * `mode: off` when nothing is verified; absent when no route has an authorizer.
   */
  readonly auth?: StackFileAuth;
  readonly pid: number;
  readonly startedAt: string;
}

/**
 * Names each table by the id the table design gives it (`products`, …), found through the
 * environment variable (PRODUCTS_TABLE_NAME, …) a function carries its name in; tables no
 * function names keep their Terraform resource name.
 */
export function logicalTableNames(tables: readonly ProvisionedTable[], functions: readonly FunctionDefinition[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const envVar = functions.flatMap((fn) => Object.entries(fn.environment)).find(([, value]) => value === table.tableName)?.[0];
    const id = TABLES.find((design) => design.envVar === envVar)?.id ?? table.address.split('.')[1] ?? table.tableName;
    result[id] = table.tableName;
  }
  return result;
}

/** Writes the stack file atomically. */
export function writeStackFile(stateDirectory: string, content: StackFile): string {
  mkdirSync(stateDirectory, { recursive: true });
  const file = path.join(stateDirectory, STACK_FILE_NAME);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Removes the stack file when the stack stops (only if it is still this process's). */
export function removeStackFile(stateDirectory: string, pid = process.pid): void {
  const file = path.join(stateDirectory, STACK_FILE_NAME);
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as StackFile).pid === pid) rmSync(file, { force: true });
  } catch {
    // already gone or unreadable: nothing of ours to remove
  }
}

/** Reads the stack file of a running stack, or throws {@link StackNotRunningError}. */
export function readStackFile(stateDirectory: string): StackFile {
  const file = path.join(stateDirectory, STACK_FILE_NAME);
  if (!existsSync(file)) throw new StackNotRunningError(file, 'the stack file does not exist');
  const content = JSON.parse(readFileSync(file, 'utf8')) as StackFile;
  try {
    process.kill(content.pid, 0);
  } catch {
    throw new StackNotRunningError(file, `process ${content.pid} is not running`);
  }
  return content;
}
