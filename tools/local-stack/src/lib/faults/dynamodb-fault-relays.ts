import type { Logger } from '../logging/logger';
import { seededRandom } from './fault-counters';
import { startDynamoDbFaultRelay, type DynamoDbFaultCounts, type DynamoDbFaultRelay } from './dynamodb-fault-relay';
import { assertRuleFunctionsExist, describeDynamoDbFaultRule, ruleAppliesTo, type DynamoDbFaultRule } from './dynamodb-fault-rules';

/** The relays of every function some `--fault-dynamodb` rule applies to. */
export interface DynamoDbFaultRelays {
  /** The function's relay, or `undefined` when no rule applies to it (it keeps its own endpoint). */
  endpointFor(functionName: string): string | undefined;
  counts(): DynamoDbFaultCounts[];
  stop(): Promise<void>;
}

/** Seeds of the relays start here, apart from the mappings' (seed + mapping index). */
const RELAY_SEED_OFFSET = 1_000;

/**
 * Starts one fault relay per function that a rule applies to, in front of the endpoint the
 * function would otherwise use (`targetFor`: its IAM proxy, or DynamoDB Local with `--iam off`).
 * A rule naming a function the synth lacks is refused before anything starts.
 *
 * @throws InvalidFaultSettingError for a rule naming an unknown function
 * @example
 * const relays = await startDynamoDbFaultRelays(faults.dynamodb, names, (name) => iam.endpointFor(name), faults.seed, logger);
 * const endpoint = relays.endpointFor(name) ?? iam.endpointFor(name);
 */
export async function startDynamoDbFaultRelays(
  rules: readonly DynamoDbFaultRule[],
  functionNames: readonly string[],
  targetFor: (functionName: string) => string,
  seed: number | undefined,
  logger: Logger,
): Promise<DynamoDbFaultRelays> {
  assertRuleFunctionsExist(rules, functionNames);
  const relays = new Map<string, DynamoDbFaultRelay>();
  try {
    for (const [index, functionName] of functionNames.entries()) {
      const own = rules.filter((rule) => ruleAppliesTo(rule, functionName));
      if (own.length === 0) continue;
      const relay = await startDynamoDbFaultRelay({
        functionName,
        target: targetFor(functionName),
        rules: own,
        random: seed === undefined ? Math.random : seededRandom(seed + RELAY_SEED_OFFSET + index),
        onInjected: (operation, error) => logger.debug('DynamoDB fault injected', { function: functionName, operation, error }),
      });
      relays.set(functionName, relay);
      logger.info(`DynamoDB faults for ${functionName}: ${own.map(describeDynamoDbFaultRule).join(' ')}`, { function: functionName, relay: relay.endpoint, target: targetFor(functionName) });
    }
  } catch (error) {
    await Promise.all([...relays.values()].map((relay) => relay.stop()));
    throw error;
  }
  return {
    endpointFor: (functionName) => relays.get(functionName)?.endpoint,
    counts: () => [...relays.values()].map((relay) => relay.counts()),
    stop: async () => {
      await Promise.all([...relays.values()].map((relay) => relay.stop()));
    },
  };
}
