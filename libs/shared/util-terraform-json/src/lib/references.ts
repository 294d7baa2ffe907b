import { parseTemplate, referencesOf, type TerraformReference } from './template';
import type { TerraformJson } from './terraform-json';

/** A reference together with where it occurs in the configuration. */
export interface LocatedReference extends TerraformReference {
  /** A dotted path into the configuration: `resource.aws_lambda_function.api.role`. */
  readonly path: string;
}

/** The references a string makes (resources, data sources, variables, locals, and the language's own objects). */
export function referencesIn(text: string): TerraformReference[] {
  return text.includes('${') ? referencesOf(parseTemplate(text)) : [];
}

/**
 * `"${aws_iam_role.x.arn}"` → the reference; anything else (a literal, a concatenation, a call) →
 * `undefined`.
 */
export function singleReference(value: unknown): TerraformReference | undefined {
  if (typeof value !== 'string' || !value.includes('${')) return undefined;
  const parsed = parseTemplate(value);
  if (parsed.kind !== 'template' || parsed.parts.length !== 1) return undefined;
  const [only] = parsed.parts;
  return typeof only === 'object' && only.kind === 'reference' ? only.reference : undefined;
}

/**
 * A string made of one leading reference and literal text after it (`${aws_dynamodb_table.x.arn}/index/y`):
 * the reference and that text; `undefined` for anything else.
 */
export function leadingReference(value: unknown): { readonly reference: TerraformReference; readonly rest: string } | undefined {
  if (typeof value !== 'string' || !value.startsWith('${')) return undefined;
  const parsed = parseTemplate(value);
  if (parsed.kind !== 'template') return undefined;
  const [first, ...after] = parsed.parts;
  if (typeof first !== 'object' || first.kind !== 'reference' || !after.every((part) => typeof part === 'string')) return undefined;
  return { reference: first.reference, rest: after.join('') };
}

/**
 * Every reference to something declared (a resource, data source, variable or local) in every
 * `${...}` interpolation of a synthesized configuration. CDKTF's `//` metadata is skipped.
 *
 * @throws UnsupportedExpressionError for a string that is not a valid template
 * @example
 * findReferences(json).filter((ref) => ref.type === 'aws_dynamodb_table'); // who uses which table
 */
export function findReferences(json: TerraformJson): LocatedReference[] {
  const found: LocatedReference[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      for (const reference of referencesIn(value)) if (reference.kind !== 'other') found.push({ ...reference, path });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) if (key !== '//') visit(item, path ? `${path}.${key}` : key);
    }
  };
  visit(json, '');
  return found;
}

/**
 * References that name nothing declared in the configuration: a resource, data source, variable or
 * local that does not exist. Terraform rejects these at plan time; this finds them at synth time.
 *
 * @example
 * expect(undeclaredReferences(json)).toEqual([]);
 */
export function undeclaredReferences(json: TerraformJson): LocatedReference[] {
  const declared = (ref: TerraformReference): boolean => {
    switch (ref.kind) {
      case 'resource':
        return json.resource?.[ref.type]?.[ref.name] !== undefined;
      case 'data':
        return json.data?.[ref.type]?.[ref.name] !== undefined;
      case 'var':
        return json.variable?.[ref.name] !== undefined;
      case 'local':
        return json.locals?.[ref.name] !== undefined;
      case 'other':
        return true;
    }
  };
  return findReferences(json).filter((ref) => !declared(ref));
}
