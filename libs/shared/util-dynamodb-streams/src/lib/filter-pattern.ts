import { FilterPatternError } from './errors';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type Leaf = (value: unknown, present: boolean) => boolean;
interface CompiledNode {
  readonly fields: ReadonlyArray<{ readonly key: string; readonly match: Leaf | CompiledNode }>;
  readonly or: readonly CompiledNode[];
}

/** Lambda's limit on the length of one pattern. */
const MAX_PATTERN_LENGTH = 4096;
const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='] as const;

/**
 * One filter of an event source mapping's `FilterCriteria`, with Lambda's matching rules: every
 * field of the pattern must match (AND), the values listed for a field are alternatives (OR),
 * `$or` lists alternative patterns, and the operators are those Lambda documents — null, empty
 * string, equals, `equals-ignore-case`, `anything-but`, `numeric`, `exists`, `prefix`, `suffix`.
 * Comparisons are type-sensitive: DynamoDB numbers arrive as strings (`{"N": "5"}`), so a
 * `numeric` rule never matches them. `exists` only matches leaf values, as in AWS.
 *
 * @example
 * const filter = FilterPattern.parse('{"eventName":["MODIFY"],"dynamodb":{"NewImage":{"stock":{"N":[{"exists":true}]}}}}');
 * filter.matches(record); // true for a MODIFY that has a stock attribute
 */
export class FilterPattern {
  private constructor(
    readonly source: string,
    private readonly root: CompiledNode,
  ) {}

  /** Parses and checks a pattern; a bad one is a {@link FilterPatternError}. */
  static parse(source: string): FilterPattern {
    if (source.length > MAX_PATTERN_LENGTH) throw new FilterPatternError(source.slice(0, 60), `longer than ${MAX_PATTERN_LENGTH} characters`);
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch {
      throw new FilterPatternError(source, 'not valid JSON');
    }
    if (!isRecord(json) || Object.keys(json).length === 0) throw new FilterPatternError(source, 'a pattern is a non-empty JSON object');
    return new FilterPattern(source, compileNode(json, source));
  }

  /** True when the event (a Lambda stream record, as JSON) matches. */
  matches(event: unknown): boolean {
    return matchNode(this.root, event);
  }
}

/** AWS keeps a record when it matches any filter; no filters keeps everything. */
export function matchesAnyFilter(filters: readonly FilterPattern[], event: unknown): boolean {
  return filters.length === 0 || filters.some((filter) => filter.matches(event));
}

function compileNode(pattern: Record<string, unknown>, source: string): CompiledNode {
  const fields: Array<{ key: string; match: Leaf | CompiledNode }> = [];
  const or: CompiledNode[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isRecord)) {
        throw new FilterPatternError(source, '"$or" needs an array of at least two patterns');
      }
      or.push(...value.map((alternative) => compileNode(alternative, source)));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new FilterPatternError(source, `"${key}" has an empty list of values`);
      const alternatives = value.map((rule) => compileRule(rule, key, source));
      fields.push({ key, match: (actual, present) => alternatives.some((rule) => rule(actual, present)) });
    } else if (isRecord(value)) {
      fields.push({ key, match: compileNode(value, source) });
    } else {
      throw new FilterPatternError(source, `"${key}" must be a list of values or a nested pattern, not ${JSON.stringify(value)}`);
    }
  }
  return { fields, or };
}

function compileRule(rule: unknown, key: string, source: string): Leaf {
  if (rule === null) return (actual, present) => present && actual === null;
  if (typeof rule === 'string' || typeof rule === 'number' || typeof rule === 'boolean') return anyLeaf((actual) => actual === rule);
  if (!isRecord(rule)) throw new FilterPatternError(source, `"${key}" has an unsupported value ${JSON.stringify(rule)}`);
  const entries = Object.entries(rule);
  if (entries.length !== 1) throw new FilterPatternError(source, `"${key}": an operator object has exactly one operator`);
  const [operator, operand] = entries[0] as [string, unknown];
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new FilterPatternError(source, `"${key}": exists takes true or false`);
      // `exists` looks at leaf values only: an attribute holding an object (`{"S": "x"}`) counts as
      // absent, so `exists: false` keeps it, as Lambda on AWS does (the spec's case shows it).
      return (actual, present) => (present && isLeaf(actual)) === operand;
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') throw new FilterPatternError(source, `"${key}": ${operator} takes a string`);
      const lower = operand.toLowerCase();
      if (operator === 'prefix') return anyLeaf((actual) => typeof actual === 'string' && actual.startsWith(operand));
      if (operator === 'suffix') return anyLeaf((actual) => typeof actual === 'string' && actual.endsWith(operand));
      return anyLeaf((actual) => typeof actual === 'string' && actual.toLowerCase() === lower);
    }
    case 'anything-but': {
      const excluded = Array.isArray(operand) ? operand : [operand];
      if (excluded.length === 0 || !excluded.every((v) => typeof v === 'string' || typeof v === 'number')) {
        throw new FilterPatternError(source, `"${key}": anything-but takes a string, a number or a list of them`);
      }
      return (actual, present) => present && isLeaf(actual) && toLeaves(actual).every((value) => value !== null && !excluded.includes(value as string | number));
    }
    case 'numeric':
      return numericRule(operand, key, source);
    default:
      throw new FilterPatternError(source, `"${key}": unknown operator "${operator}"`);
  }
}

function numericRule(operand: unknown, key: string, source: string): Leaf {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new FilterPatternError(source, `"${key}": numeric takes one or two [operator, number] pairs`);
  }
  const checks: Array<(n: number) => boolean> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i] as (typeof NUMERIC_OPERATORS)[number];
    const bound = operand[i + 1];
    if (!NUMERIC_OPERATORS.includes(op) || typeof bound !== 'number') {
      throw new FilterPatternError(source, `"${key}": numeric operators are =, <, <=, >, >= followed by a number`);
    }
    checks.push((n) => (op === '=' ? n === bound : op === '<' ? n < bound : op === '<=' ? n <= bound : op === '>' ? n > bound : n >= bound));
  }
  return anyLeaf((actual) => typeof actual === 'number' && checks.every((check) => check(actual)));
}

/** A rule on scalars: matches when the value, or any element of an array value, passes. */
const anyLeaf =
  (test: (value: unknown) => boolean): Leaf =>
  (actual, present) =>
    present && toLeaves(actual).some(test);

const toLeaves = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isLeaf = (value: unknown): boolean => toLeaves(value).every((v) => !isRecord(v) && !Array.isArray(v));

function matchNode(node: CompiledNode, event: unknown): boolean {
  const candidates = Array.isArray(event) ? event : [event];
  return candidates.some((candidate) => {
    const object = isRecord(candidate) ? candidate : undefined;
    const fieldsMatch = node.fields.every(({ key, match }) => {
      const present = object !== undefined && Object.prototype.hasOwnProperty.call(object, key);
      const value = present ? object[key] : undefined;
      // A nested pattern over a missing object still matches when all it asks is `exists: false`.
      return typeof match === 'function' ? match(value, present) : matchNode(match, value);
    });
    return fieldsMatch && (node.or.length === 0 || node.or.some((alternative) => matchNode(alternative, candidate)));
  });
}
