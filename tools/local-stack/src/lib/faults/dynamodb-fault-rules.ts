import { InvalidFaultSettingError } from '../errors';

/** The CLI flag (repeatable) and environment variable (rules separated by `;`) of DynamoDB faults. */
export const DYNAMODB_FAULT_FLAG = '--fault-dynamodb';
export const DYNAMODB_FAULT_ENVIRONMENT = 'LOCAL_STACK_FAULT_DYNAMODB';

/** The errors a rule can answer with, named as the SDK names them (`error.name`), except the cancelled transaction. */
export const DynamoDbFaultError = {
  ProvisionedThroughputExceeded: 'ProvisionedThroughputExceededException',
  Throttling: 'ThrottlingException',
  RequestLimitExceeded: 'RequestLimitExceeded',
  InternalServerError: 'InternalServerError',
  ServiceUnavailable: 'ServiceUnavailable',
  /** `TransactionCanceledException` whose reasons are one `TransactionConflict`, the other items `None`. */
  TransactionConflict: 'TransactionConflict',
  TransactionInProgress: 'TransactionInProgressException',
} as const;
export type DynamoDbFaultError = (typeof DynamoDbFaultError)[keyof typeof DynamoDbFaultError];

/** Any function, any operation. */
export const ANY = '*';

/**
 * One DynamoDB fault: a `rate` (0..1] of the requests `functionName` sends for `operation` is
 * answered with `error` without reaching DynamoDB Local, or reaches it `delayMs` late.
 */
export interface DynamoDbFaultRule {
  readonly functionName: string;
  readonly operation: string;
  readonly rate: number;
  readonly error: DynamoDbFaultError | undefined;
  readonly delayMs: number;
}

/** DynamoDB's and DynamoDB Streams' data-plane operations a function may send (the `X-Amz-Target` suffix). */
const OPERATIONS: ReadonlySet<string> = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems',
  'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction', 'DescribeTable', 'ListTables',
  'DescribeStream', 'GetShardIterator', 'GetRecords', 'ListStreams',
]);
/** Errors AWS only gives one operation's requests. */
const ERROR_OPERATIONS: Partial<Record<DynamoDbFaultError, readonly string[]>> = {
  [DynamoDbFaultError.TransactionConflict]: ['TransactWriteItems', 'TransactGetItems'],
  [DynamoDbFaultError.TransactionInProgress]: ['TransactWriteItems'],
};
const KEYS = ['function', 'operation', 'error', 'rate', 'delay-ms'] as const;

/**
 * Parses one rule, `key=value` pairs separated by commas: `function` (a function name or `*`,
 * default `*`), `operation` (`TransactWriteItems`, … or `*`, default `*`), `rate` (0..1, default
 * 1), and exactly one of `error` (see {@link DynamoDbFaultError}) or `delay-ms` (1..60000).
 * Function names are checked against the synth when the stack starts.
 *
 * @throws InvalidFaultSettingError naming the flag, the rule and what is wrong
 * @example
 * parseDynamoDbFaultRule('function=shop-dev-orders-api,operation=TransactWriteItems,error=ProvisionedThroughputExceededException,rate=0.3');
 * parseDynamoDbFaultRule('delay-ms=400'); // every request of every function, 400 ms late
 */
export function parseDynamoDbFaultRule(spec: string): DynamoDbFaultRule {
  const refuse = (expected: string): never => {
    throw new InvalidFaultSettingError(DYNAMODB_FAULT_FLAG, spec, expected);
  };
  const values = new Map<string, string>();
  for (const part of spec.split(',')) {
    const [key = '', value, ...rest] = part.split('=').map((text) => text.trim());
    if (!(KEYS as readonly string[]).includes(key) || value === undefined || value === '' || rest.length > 0) {
      refuse(`expected key=value pairs separated by commas, keys ${KEYS.join(', ')} (got "${part.trim()}")`);
    }
    if (values.has(key)) refuse(`"${key}" is given twice`);
    values.set(key, value as string);
  }
  const functionName = values.get('function') ?? ANY;
  const operation = values.get('operation') ?? ANY;
  if (operation !== ANY && !OPERATIONS.has(operation)) refuse(`unknown operation "${operation}"; one of ${[...OPERATIONS].join(', ')} or *`);
  const rate = values.has('rate') ? Number(values.get('rate')) : 1;
  if (!(rate > 0 && rate <= 1)) refuse('rate must be a number above 0, at most 1');
  const errorName = values.get('error');
  const delay = values.get('delay-ms');
  if ((errorName === undefined) === (delay === undefined)) refuse('give exactly one of error=… or delay-ms=…');
  let error: DynamoDbFaultError | undefined;
  if (errorName !== undefined) {
    const known = Object.values(DynamoDbFaultError) as string[];
    if (!known.includes(errorName)) refuse(`unknown error "${errorName}"; one of ${known.join(', ')}`);
    error = errorName as DynamoDbFaultError;
    const only = ERROR_OPERATIONS[error];
    if (only && !only.includes(operation)) refuse(`${error} needs operation=${only.join(' or operation=')}`);
  }
  const delayMs = delay === undefined ? 0 : Number(delay);
  if (delay !== undefined && !(Number.isInteger(delayMs) && delayMs >= 1 && delayMs <= 60_000)) refuse('delay-ms must be an integer from 1 to 60000');
  return { functionName, operation, rate, error, delayMs };
}

/**
 * The rules of `LOCAL_STACK_FAULT_DYNAMODB` (or of repeated flags joined by `;`); empty when unset.
 *
 * @example
 * parseDynamoDbFaultRules('error=InternalServerError,rate=0.05; delay-ms=100').length; // 2
 */
export function parseDynamoDbFaultRules(specs: string | readonly string[] | undefined): DynamoDbFaultRule[] {
  const list = typeof specs === 'string' ? specs.split(';') : (specs ?? []);
  return list.map((spec) => spec.trim()).filter((spec) => spec !== '').map(parseDynamoDbFaultRule);
}

/** A rule as the flag that would set it (for the banner, the start-up log and `metrics.json`). */
export function describeDynamoDbFaultRule(rule: DynamoDbFaultRule): string {
  const parts = [
    ...(rule.functionName !== ANY ? [`function=${rule.functionName}`] : []),
    ...(rule.operation !== ANY ? [`operation=${rule.operation}`] : []),
    rule.error ? `error=${rule.error}` : `delay-ms=${rule.delayMs}`,
    ...(rule.rate !== 1 ? [`rate=${rule.rate}`] : []),
  ];
  return `${DYNAMODB_FAULT_FLAG} ${parts.join(',')}`;
}

/** Whether `rule` applies to requests of `functionName`. */
export function ruleAppliesTo(rule: DynamoDbFaultRule, functionName: string): boolean {
  return rule.functionName === ANY || rule.functionName === functionName;
}

/**
 * Refuses rules naming a function the synth does not have (a typo would otherwise inject nothing).
 *
 * @throws InvalidFaultSettingError listing the synth's functions
 */
export function assertRuleFunctionsExist(rules: readonly DynamoDbFaultRule[], functionNames: readonly string[]): void {
  for (const rule of rules) {
    if (rule.functionName !== ANY && !functionNames.includes(rule.functionName)) {
      throw new InvalidFaultSettingError(DYNAMODB_FAULT_FLAG, describeDynamoDbFaultRule(rule), `the synth has no function ${rule.functionName}; it has ${functionNames.join(', ')}`);
    }
  }
}

/** What happens to one request: a delay (0 for none), then an error answer or the real one. */
export interface FaultPlan {
  readonly delayMs: number;
  readonly error: DynamoDbFaultError | undefined;
}

/**
 * Plans the faults of one request of one function: every matching delay rule adds its delay when
 * its own draw falls under its rate; the matching error rules share one draw, so
 * `throttle rate=0.3` and `500 rate=0.05` answer 30 % and 5 % of the requests (in rule order, at
 * most all of them).
 *
 * @example
 * const plan = planRequest(rules, 'TransactWriteItems', Math.random);
 */
export function planRequest(rules: readonly DynamoDbFaultRule[], operation: string, random: () => number): FaultPlan {
  let delayMs = 0;
  let error: DynamoDbFaultError | undefined;
  const matching = rules.filter((rule) => rule.operation === ANY || rule.operation === operation);
  for (const rule of matching) {
    if (rule.delayMs > 0 && random() < rule.rate) delayMs += rule.delayMs;
  }
  const errors = matching.filter((rule) => rule.error !== undefined);
  if (errors.length > 0) {
    const draw = random();
    let bound = 0;
    for (const rule of errors) {
      bound += rule.rate;
      if (draw < bound) {
        error = rule.error;
        break;
      }
    }
  }
  return { delayMs, error };
}
