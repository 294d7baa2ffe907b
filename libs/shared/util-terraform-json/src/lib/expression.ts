import { UnresolvableReferenceError, UnsupportedExpressionError } from './errors';
import { isRecord } from './terraform-json';
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
  return evaluate(parseTemplate(source), resolve, source);
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

/**
 * True when a value holds an interpolation anywhere (in strings, arrays and objects); `$${` is an
 * escaped literal, not one.
 *
 * @throws UnsupportedExpressionError for a string that is not a valid template
 */
export function hasInterpolation(value: unknown): boolean {
  if (typeof value === 'string') {
    if (!value.includes('${')) return false;
    const parsed = parseTemplate(value);
    return parsed.kind === 'template' && parsed.parts.some((part) => typeof part !== 'string');
  }
  if (Array.isArray(value)) return value.some(hasInterpolation);
  if (isRecord(value)) return Object.values(value).some(hasInterpolation);
  return false;
}

/**
 * True when a string is one `${…}` and nothing around it (`${jsonencode({…})}`, as `Fn.jsonencode`
 * writes it): an expression, whose quotes are the expression's own, not text with a value in it.
 *
 * @throws UnsupportedExpressionError for a string that is not a valid template
 */
export function isSingleInterpolation(value: string): boolean {
  if (!value.startsWith('${')) return false;
  const parsed = parseTemplate(value);
  return parsed.kind === 'template' && parsed.parts.length === 1 && typeof parsed.parts[0] !== 'string';
}

function evaluate(expression: Expression, resolve: TerraformReferenceResolver, source: string): TerraformValue {
  const recurse = (inner: Expression): TerraformValue => evaluate(inner, resolve, source);
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'reference': {
      const value = resolve(expression.reference);
      if (value === undefined) throw new UnresolvableReferenceError(expression.reference.expression, 'no resolver knows it');
      return value;
    }
    case 'tuple':
      return expression.items.map(recurse);
    case 'object':
      return Object.fromEntries(expression.entries.map(([key, value]) => [String(recurse(key)), recurse(value)]));
    case 'call': {
      if (expression.name !== 'jsonencode') {
        throw new UnsupportedExpressionError(source, expression.position, `function ${expression.name}() is not supported (only jsonencode)`);
      }
      const [argument] = expression.args;
      if (argument === undefined || expression.args.length !== 1) {
        throw new UnsupportedExpressionError(source, expression.position, 'jsonencode() takes exactly one argument');
      }
      return JSON.stringify(recurse(argument));
    }
    case 'template': {
      const [only] = expression.parts;
      if (expression.parts.length === 1 && typeof only !== 'string' && only !== undefined) return recurse(only);
      return expression.parts.map((part) => (typeof part === 'string' ? part : interpolate(recurse(part)))).join('');
    }
  }
}

function interpolate(value: TerraformValue): string {
  if (value === null) return '';
  if (typeof value === 'object') throw new UnresolvableReferenceError(JSON.stringify(value), 'a list or object cannot be interpolated into a string');
  return String(value);
}
