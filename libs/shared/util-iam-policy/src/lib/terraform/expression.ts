import { UnresolvableReferenceError } from '../errors';
import { parseTemplate, type Expression, type TerraformReference } from './template';

/** A value a Terraform expression evaluates to. */
export type TerraformValue = string | number | boolean | null | readonly TerraformValue[] | { readonly [key: string]: TerraformValue };

/**
 * Turns a reference into its value, or `undefined` when it does not know it (so resolvers chain).
 *
 * @example
 * const resolve: TerraformReferenceResolver = (ref) =>
 *   ref.address === 'aws_dynamodb_table.products' && ref.attribute === 'stream_arn' ? streamArn : undefined;
 */
export type TerraformReferenceResolver = (reference: TerraformReference) => string | undefined;

/** The first resolver that knows a reference wins. */
export function chainResolvers(...resolvers: readonly TerraformReferenceResolver[]): TerraformReferenceResolver {
  return (reference) => {
    for (const resolve of resolvers) {
      const value = resolve(reference);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/**
 * Evaluates a string attribute of the synth (`"${aws_dynamodb_table.x.arn}/index/*"`,
 * `"${jsonencode({...})}"`) to its value. A string that is a single interpolation keeps the value's
 * type, as Terraform does; anything else concatenates.
 *
 * @throws UnresolvableReferenceError when `resolve` does not know a reference
 * @throws UnsupportedExpressionError for expressions outside the supported subset
 */
export function evaluateTerraformString(source: string, resolve: TerraformReferenceResolver): TerraformValue {
  return evaluate(parseTemplate(source), resolve);
}

/** Evaluates every string inside a JSON value (arrays and objects recursively; `//` metadata keys dropped). */
export function evaluateTerraformValue(value: unknown, resolve: TerraformReferenceResolver): TerraformValue {
  if (typeof value === 'string') return evaluateTerraformString(value, resolve);
  if (Array.isArray(value)) return value.map((item) => evaluateTerraformValue(item, resolve));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('//'))
        .map(([key, item]) => [key, evaluateTerraformValue(item, resolve)]),
    );
  }
  return (value ?? null) as TerraformValue;
}

function evaluate(expression: Expression, resolve: TerraformReferenceResolver): TerraformValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'reference': {
      const value = resolve(expression.reference);
      if (value === undefined) throw new UnresolvableReferenceError(expression.reference.expression, 'no resolver knows it');
      return value;
    }
    case 'tuple':
      return expression.items.map((item) => evaluate(item, resolve));
    case 'object':
      return Object.fromEntries(expression.entries.map(([key, value]) => [String(evaluate(key, resolve)), evaluate(value, resolve)]));
    case 'call':
      return JSON.stringify(evaluate(expression.args[0] ?? { kind: 'literal', value: null }, resolve));
    case 'template': {
      const [only] = expression.parts;
      if (expression.parts.length === 1 && typeof only !== 'string' && only !== undefined) return evaluate(only, resolve);
      return expression.parts.map((part) => (typeof part === 'string' ? part : interpolate(evaluate(part, resolve)))).join('');
    }
  }
}

function interpolate(value: TerraformValue): string {
  if (value === null) return '';
  if (typeof value === 'object') throw new UnresolvableReferenceError(JSON.stringify(value), 'a list or object cannot be interpolated into a string');
  return String(value);
}
