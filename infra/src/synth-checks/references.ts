import type { SynthesizedJson } from './terraform-json';

/** One reference to a declared object inside a `${...}` interpolation. */
export interface TerraformReference {
  /** The reference as written: `aws_dynamodb_table.products.arn`, `data.aws_region.current.region`. */
  readonly expression: string;
  readonly kind: 'resource' | 'data' | 'var' | 'local';
  /** Resource or data source type (`aws_dynamodb_table`); undefined for `var` and `local`. */
  readonly type?: string;
  readonly name: string;
  /** The attribute read (`arn`); undefined when the whole object is referenced. */
  readonly attribute?: string;
  /** Where it occurs, as a dotted path into the configuration: `resource.aws_lambda_function.api.role`. */
  readonly path: string;
}

// A resource reference starts with a provider-prefixed type (`aws_…`, so never `count.index`,
// `each.key`, `path.module`); `data.`, `var.` and `local.` are explicit.
const REFERENCE =
  /(?<![\w.])(?:(data)\.([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)|(var|local)\.([A-Za-z_][\w-]*)|([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*))(?:\.([A-Za-z_]\w*))?/g;

/**
 * Rewrites a Terraform string: each `${...}` interpolation (nested braces balanced, quoted strings
 * skipped) is replaced by `replace(body)`. `$${` is Terraform's escape for a literal `${` and becomes
 * `${` in the output (that is how IAM policy variables such as `$${aws:username}` are written).
 */
export function mapInterpolations(text: string, replace: (body: string) => string): string {
  let output = '';
  let index = 0;
  for (;;) {
    const start = text.indexOf('${', index);
    if (start === -1) return output + text.slice(index);
    if (start > 0 && text[start - 1] === '$') {
      output += text.slice(index, start - 1) + '${';
      index = start + 2;
      continue;
    }
    let depth = 1;
    let cursor = start + 2;
    let inString = false;
    for (; cursor < text.length && depth > 0; cursor++) {
      const char = text[cursor];
      if (inString) {
        if (char === '\\') cursor++;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '{') depth++;
      else if (char === '}') depth--;
    }
    // An unterminated `${` is not an interpolation; Terraform would reject it, we keep it as text.
    if (depth > 0) return output + text.slice(index);
    output += text.slice(index, start) + replace(text.slice(start + 2, cursor - 1));
    index = cursor;
  }
}

/** The bodies of the `${...}` interpolations in a Terraform string. */
export function interpolations(text: string): string[] {
  const bodies: string[] = [];
  mapInterpolations(text, (body) => {
    bodies.push(body);
    return '';
  });
  return bodies;
}

function referencesInExpression(expression: string, path: string): TerraformReference[] {
  // Quoted literals inside an expression are text, not references.
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const found: TerraformReference[] = [];
  for (const match of code.matchAll(REFERENCE)) {
    const [text, data, dataType, dataName, scope, scopeName, type, name, attribute] = match;
    if (data && dataType && dataName) {
      found.push({ expression: text, kind: 'data', type: dataType, name: dataName, attribute, path });
    } else if ((scope === 'var' || scope === 'local') && scopeName) {
      found.push({ expression: text, kind: scope, name: scopeName, attribute, path });
    } else if (type && name) {
      found.push({ expression: text, kind: 'resource', type, name, attribute, path });
    }
  }
  return found;
}

/**
 * Every reference in every `${...}` interpolation of a synthesized configuration.
 *
 * @example
 * ```ts
 * findReferences(json).filter((ref) => ref.type === 'aws_dynamodb_table'); // who uses which table
 * ```
 */
export function findReferences(json: SynthesizedJson): TerraformReference[] {
  const found: TerraformReference[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      for (const body of interpolations(value)) found.push(...referencesInExpression(body, path));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
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
 * ```ts
 * expect(undeclaredReferences(json)).toEqual([]);
 * ```
 */
export function undeclaredReferences(json: SynthesizedJson): TerraformReference[] {
  const declared = (ref: TerraformReference): boolean => {
    switch (ref.kind) {
      case 'resource':
        return ref.type !== undefined && json.resource?.[ref.type]?.[ref.name] !== undefined;
      case 'data':
        return ref.type !== undefined && json.data?.[ref.type]?.[ref.name] !== undefined;
      case 'var':
        return json.variable?.[ref.name] !== undefined;
      case 'local':
        return json.locals?.[ref.name] !== undefined;
    }
  };
  return findReferences(json).filter((ref) => !declared(ref));
}
