/**
 * Compares what each function's role is granted on the synth's DynamoDB tables, indexes and streams
 * with the DynamoDB calls its code was seen making (recorded from the local IAM proxies'
 * decisions): every call granted, every grant called.
 */
import { createSynthAccessEvaluator, Decision, functionRoles, InvalidAccessRequestError, type SynthAccessEvaluator } from '@shop/shared-util-iam-policy';
import { resourcesOfType, type TerraformJson } from '@shop/shared-util-terraform-json';
import type { IamDecision } from '@shop/tools-local-iam';

/** One (action, resource) a function's request needed, with the request's condition keys. */
export interface ObservedCall {
  readonly functionName: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly allowed: boolean;
}

/** The calls of one decided request: what `onIamDecision` hands over, flattened. */
export const observedCalls = (functionName: string, { operation, allowed }: IamDecision): ObservedCall[] =>
  operation.requirements.map(({ action, resource, context }) => ({ functionName, action, resource, context, allowed }));

/**
 * Every IAM action DynamoDB authorizes on a table, an index or a stream (data, streams, and the
 * table-level reads and changes a function could be granted by mistake). Actions a policy names
 * outside this list are added from the policy itself.
 */
const DYNAMODB_ACTIONS = [
  'BatchGetItem', 'BatchWriteItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem',
  'PartiQLDelete', 'PartiQLInsert', 'PartiQLSelect', 'PartiQLUpdate',
  'DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams',
  'DescribeTable', 'DescribeTimeToLive', 'DescribeContinuousBackups', 'ListTagsOfResource',
  'CreateTable', 'DeleteTable', 'UpdateTable', 'UpdateTimeToLive', 'TagResource', 'UntagResource', 'CreateBackup', 'RestoreTableFromBackup', 'ExportTableToPointInTime',
].map((action) => `dynamodb:${action}`);

export interface GrantsAndCalls {
  /**
   * `role (function): action on resource` the policies allow and no recorded call made, and
   * `role (function): statement Sid grants action` for a DynamoDB action of a statement no recorded
   * call was allowed by (a grant that allows nothing, as ListStreams scoped to a stream ARN, shows here).
   */
  readonly unused: string[];
  /** Recorded calls the policies do not allow. */
  readonly ungranted: string[];
}

export interface CompareOptions {
  /** The label of each streamed table's stream (DynamoDB Local's, for a running stack). */
  readonly streamLabel: (tableName: string) => string | undefined;
}

/**
 * The DynamoDB resources of the synth by ARN: each table, each of its global secondary indexes, and
 * its stream (a grant on `*` or a wildcard shows up as granted on each of them).
 */
function dynamoDbResources(synth: TerraformJson, iam: SynthAccessEvaluator): string[] {
  return resourcesOfType(synth, 'aws_dynamodb_table').flatMap(({ address, config }) => {
    const arn = iam.value(`${address}.arn`);
    const indexes = [config['global_secondary_index'] ?? []].flat() as Array<{ name: string }>;
    return [arn, ...indexes.map((index) => `${arn}/index/${index.name}`), ...(config['stream_enabled'] === true ? [iam.value(`${address}.stream_arn`)] : [])];
  });
}

/** The DynamoDB actions a role's statements name literally (wildcards are covered by DYNAMODB_ACTIONS). */
const namedActions = (iam: SynthAccessEvaluator, roleAddress: string): string[] =>
  iam
    .role(roleAddress)
    .policies.flatMap((policy) => [policy.document.Statement].flat())
    .flatMap((statement) => [statement['Action'] ?? []].flat() as string[])
    .filter((action) => action.startsWith('dynamodb:') && !action.includes('*'));

/** One call per (function, action, resource, context): the polls repeat the same few many times. */
const distinct = (calls: readonly ObservedCall[]): ObservedCall[] => [...new Map(calls.map((c) => [JSON.stringify([c.functionName, c.action, c.resource, c.context, c.allowed]), c])).values()];

const key = (functionName: string, action: string, resource: string): string => `${functionName}\u0000${action}\u0000${resource}`;

/**
 * What the synth's policies grant each function on DynamoDB beyond what it was seen calling, and
 * what it called without a grant. A grant with conditions counts as granted when a recorded call
 * with its condition keys is allowed; without one, when it is allowed with no condition key.
 *
 * @example
 * const { unused, ungranted } = await compareGrantsWithCalls(synth, calls, { streamLabel });
 */
export async function compareGrantsWithCalls(synth: TerraformJson, calls: readonly ObservedCall[], options: CompareOptions): Promise<GrantsAndCalls> {
  const iam = createSynthAccessEvaluator(synth, { streamLabel: options.streamLabel });
  const resources = dynamoDbResources(synth, iam);
  const called = new Map<string, ObservedCall[]>();
  for (const call of calls) {
    const k = key(call.functionName, call.action, call.resource);
    called.set(k, [...(called.get(k) ?? []), call]);
  }
  const unused: string[] = [];
  const ungranted: string[] = [];
  for (const { functionName, role } of functionRoles(synth, iam.roles)) {
    const label = `${role.address.split('.')[1]} (${functionName})`;
    const allows = async (action: string, resource: string, context?: ObservedCall['context']): Promise<boolean> => {
      try {
        return (await iam.evaluate({ role: role.address, action, resource, sessionName: functionName, ...(context ? { context } : {}) })).decision === Decision.Allow;
      } catch (error) {
        if (error instanceof InvalidAccessRequestError) return false; // the action takes no resource of this type: nothing to grant
        throw error;
      }
    };
    const actions = [...new Set([...DYNAMODB_ACTIONS, ...namedActions(iam, role.address)])];
    for (const action of actions) {
      for (const resource of resources) {
        const made = called.get(key(functionName, action, resource)) ?? [];
        if (made.length > 0) continue;
        if (await allows(action, resource)) unused.push(`${label}: ${action} on ${resource}`);
      }
    }
    const usedStatements = new Set<string>();
    for (const call of distinct(calls.filter((c) => c.functionName === functionName))) {
      const evaluation = await iam.evaluate({ role: role.address, action: call.action, resource: call.resource, sessionName: functionName, context: call.context });
      if (!call.allowed || evaluation.decision !== Decision.Allow) ungranted.push(`${label}: ${call.action} on ${call.resource}`);
      for (const statement of evaluation.allowingStatements) usedStatements.add(`${statement.policyName}#${statement.index} ${call.action}`);
    }
    for (const policy of role.policies) {
      [policy.document.Statement].flat().forEach((statement, i) => {
        if (statement['Effect'] !== 'Allow') return;
        const dynamoDbActions = ([statement['Action'] ?? []].flat() as string[]).filter((action) => action.startsWith('dynamodb:'));
        for (const action of dynamoDbActions) {
          const used = action.includes('*') ? [...usedStatements].some((k) => k.startsWith(`${policy.name}#${i + 1} `)) : usedStatements.has(`${policy.name}#${i + 1} ${action}`);
          if (!used) unused.push(`${label}: statement ${String(statement['Sid'] ?? i + 1)} of ${policy.name} grants ${action}`);
        }
      });
    }
  }
  return { unused: [...new Set(unused)].sort(), ungranted: [...new Set(ungranted)].sort() };
}
