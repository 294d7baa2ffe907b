import { InvalidFaultSettingError } from '../errors';
import { DYNAMODB_FAULT_ENVIRONMENT, DYNAMODB_FAULT_FLAG, describeDynamoDbFaultRule, parseDynamoDbFaultRules, type DynamoDbFaultRule } from './dynamodb-fault-rules';

/**
 * Faults the stack injects on purpose, so tests and people can watch the event source mapping
 * survive them. All off by default.
 */
export interface FaultSettings {
  /** Every batch is delivered twice in a row, as after a checkpoint AWS lost (at-least-once). */
  readonly duplicateBatches: boolean;
  /** This fraction (0..1) of the mappings' invocations fails before the handler runs. */
  readonly failRate: number;
  /** Each mapping invocation waits this long before the handler runs (not counted in its timeout). */
  readonly delayMs: number;
  /** Every Nth stream request (DescribeStream, GetShardIterator, GetRecords) fails with ECONNRESET; 0 = never. */
  readonly dropConnectionEvery: number;
  /**
   * Faults in DynamoDB's answers to the functions' own requests (`--fault-dynamodb`, repeatable):
   * errors in DynamoDB's wire format or delays, per function and operation. Empty: none.
   */
  readonly dynamodb: readonly DynamoDbFaultRule[];
  /** Seeds every fault draw (fail rate, DynamoDB faults), so a run can be repeated exactly. Unset: Math.random. */
  readonly seed: number | undefined;
}

/** No fault at all. */
export const NO_FAULTS: FaultSettings = { duplicateBatches: false, failRate: 0, delayMs: 0, dropConnectionEvery: 0, dynamodb: [], seed: undefined };

/** The environment variables that switch faults on (the CLI flags override them). */
export const FaultEnvironment = {
  DuplicateBatches: 'LOCAL_STACK_FAULT_DUPLICATE_BATCHES',
  FailRate: 'LOCAL_STACK_FAULT_FAIL_RATE',
  DelayMs: 'LOCAL_STACK_FAULT_DELAY_MS',
  DropConnectionEvery: 'LOCAL_STACK_FAULT_DROP_CONNECTION_EVERY',
  /** Rules separated by `;`. */
  DynamoDb: DYNAMODB_FAULT_ENVIRONMENT,
  Seed: 'LOCAL_STACK_FAULT_SEED',
} as const;

/** The CLI flag of each setting (for messages). */
export const FaultFlag: Readonly<Record<keyof FaultSettings, string>> = {
  duplicateBatches: '--fault-duplicate-batches',
  failRate: '--fault-fail-rate',
  delayMs: '--fault-delay-ms',
  dropConnectionEvery: '--fault-drop-connection-every',
  dynamodb: DYNAMODB_FAULT_FLAG,
  seed: '--fault-seed',
};

/** Raw values, as strings from flags or the environment (booleans may already be booleans). */
export type RawFaultSettings = { readonly [K in Exclude<keyof FaultSettings, 'dynamodb'>]?: string | boolean | number | undefined } & {
  /** Rule specs (`function=…,operation=…,error=…,rate=…`), one string with `;` between rules, or rules already parsed. */
  readonly dynamodb?: string | readonly string[] | readonly DynamoDbFaultRule[] | undefined;
};

/**
 * Validates fault settings (from flags, the environment or code) and fills in the rest with
 * {@link NO_FAULTS}. A bad value is an {@link InvalidFaultSettingError} naming the flag.
 *
 * @example
 * parseFaultSettings({ failRate: '0.2', dropConnectionEvery: 5 }); // { failRate: 0.2, dropConnectionEvery: 5, … }
 */
export function parseFaultSettings(raw: RawFaultSettings): FaultSettings {
  return {
    duplicateBatches: flag('duplicateBatches', raw.duplicateBatches),
    failRate: number('failRate', raw.failRate, 0, 1, false) ?? 0,
    delayMs: number('delayMs', raw.delayMs, 0, 900_000, true) ?? 0,
    dropConnectionEvery: number('dropConnectionEvery', raw.dropConnectionEvery, 0, Number.MAX_SAFE_INTEGER, true) ?? 0,
    dynamodb: dynamoDbRules(raw.dynamodb),
    seed: number('seed', raw.seed, 0, 2 ** 32 - 1, true),
  };
}

/**
 * Fault settings from `LOCAL_STACK_FAULT_*` variables.
 *
 * @example
 * faultSettingsFromEnvironment({ LOCAL_STACK_FAULT_DUPLICATE_BATCHES: '1' }).duplicateBatches; // true
 */
export function faultSettingsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): FaultSettings {
  const read = (name: string): string | undefined => {
    const value = environment[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  return parseFaultSettings({
    duplicateBatches: read(FaultEnvironment.DuplicateBatches),
    failRate: read(FaultEnvironment.FailRate),
    delayMs: read(FaultEnvironment.DelayMs),
    dropConnectionEvery: read(FaultEnvironment.DropConnectionEvery),
    dynamodb: read(FaultEnvironment.DynamoDb),
    seed: read(FaultEnvironment.Seed),
  });
}

/** Whether any fault is on. */
export function hasFaults(settings: FaultSettings): boolean {
  return hasMappingFaults(settings) || settings.dynamodb.length > 0;
}

/** Whether a fault of the event source mappings (invocations, stream reads) is on. */
export function hasMappingFaults(settings: FaultSettings): boolean {
  return settings.duplicateBatches || settings.failRate > 0 || settings.delayMs > 0 || settings.dropConnectionEvery > 0;
}

/** The faults that are on, as the flags that would switch them on (`--fault-fail-rate 0.2`). */
export function describeFaults(settings: FaultSettings): string[] {
  const on: string[] = [];
  if (settings.duplicateBatches) on.push(FaultFlag.duplicateBatches);
  if (settings.failRate > 0) on.push(`${FaultFlag.failRate} ${settings.failRate}`);
  if (settings.delayMs > 0) on.push(`${FaultFlag.delayMs} ${settings.delayMs}`);
  if (settings.dropConnectionEvery > 0) on.push(`${FaultFlag.dropConnectionEvery} ${settings.dropConnectionEvery}`);
  on.push(...settings.dynamodb.map(describeDynamoDbFaultRule));
  if (on.length > 0 && settings.seed !== undefined) on.push(`${FaultFlag.seed} ${settings.seed}`);
  return on;
}

function flag(setting: keyof FaultSettings, value: RawFaultSettings[keyof FaultSettings]): boolean {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  throw new InvalidFaultSettingError(FaultFlag[setting], String(value), 'expected 1/true/yes/on or 0/false/no/off');
}

function number(setting: keyof FaultSettings, value: RawFaultSettings[keyof FaultSettings], min: number, max: number, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new InvalidFaultSettingError(FaultFlag[setting], String(value), `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return parsed;
}

/** Rules from specs, or rules given in code validated again (through the spec they stand for). */
function dynamoDbRules(value: RawFaultSettings['dynamodb']): DynamoDbFaultRule[] {
  if (value === undefined || typeof value === 'string') return parseDynamoDbFaultRules(value);
  return parseDynamoDbFaultRules(value.map((rule) => (typeof rule === 'string' ? rule : describeDynamoDbFaultRule(rule).slice(DYNAMODB_FAULT_FLAG.length + 1))));
}
