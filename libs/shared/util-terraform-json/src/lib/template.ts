import { UnsupportedExpressionError } from './errors';

/** A reference inside an interpolation: `${aws_dynamodb_table.products.arn}`, `${var.stage}`. */
export interface TerraformReference {
  /** The whole traversal: `aws_dynamodb_table.products.arn` */
  readonly expression: string;
  /**
   * `resource` (`aws_*.name`), `data` (`data.aws_*.name`), `var`, `local`, or `other`: a module
   * output or one of the language's own objects (`count`, `each`, `path`, `self`, `terraform`).
   */
  readonly kind: 'resource' | 'data' | 'var' | 'local' | 'other';
  /** `aws_dynamodb_table.products`, `data.aws_region.current`, `var.stage` */
  readonly address: string;
  /** The resource or data source type (`aws_dynamodb_table`); the root (`var`, `each`, ...) for the other kinds. */
  readonly type: string;
  readonly name: string;
  /** `arn`; deeper traversals joined with dots; empty for a whole-object reference */
  readonly attribute: string;
}

/** The subset of Terraform's expression language CDKTF writes into policies. */
export type Expression =
  | { readonly kind: 'template'; readonly parts: readonly (string | Expression)[] }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'tuple'; readonly items: readonly Expression[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [Expression, Expression])[] }
  | { readonly kind: 'reference'; readonly reference: TerraformReference }
  /** A function call; `position` is its offset in the parsed string, for errors. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expression[]; readonly position: number };

const LANGUAGE_ROOTS = new Set(['module', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * Parses a string attribute of the synthesized JSON as a Terraform template: literal text with
 * `${...}` interpolations (`$${` is a literal `${`). Inside an interpolation: references,
 * quoted templates, numbers, booleans, null, tuples, objects and function calls — what CDKTF emits
 * for tokens and `Fn.*`. Operators, conditionals, `for`, index traversals and template directives
 * are rejected. (Which functions can be evaluated is the evaluator's business: only `jsonencode`.)
 *
 * @throws UnsupportedExpressionError
 */
export function parseTemplate(source: string): Expression {
  const parser = new TemplateParser(source);
  return parser.template(false);
}

class TemplateParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  template(quoted: boolean): Expression {
    const parts: (string | Expression)[] = [];
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        if (quoted) this.fail('unterminated string');
        break;
      }
      const c = this.src[this.pos] as string;
      const next = this.src[this.pos + 1];
      if (quoted && c === '"') {
        this.pos++;
        break;
      }
      if ((c === '$' || c === '%') && next === c && this.src[this.pos + 2] === '{') {
        text += `${c}{`;
        this.pos += 3;
      } else if (c === '%' && next === '{') {
        this.fail('template directives (%{...}) are not supported');
      } else if (c === '$' && next === '{') {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        parts.push(this.expression());
        this.skipWhitespace();
        if (this.src[this.pos] !== '}') this.fail('expected "}" (operators, conditionals and for-expressions are not supported)');
        this.pos++;
      } else if (quoted && c === '\\') {
        text += this.escape();
      } else {
        text += c;
        this.pos++;
      }
    }
    if (text || parts.length === 0) parts.push(text);
    return { kind: 'template', parts };
  }

  private expression(): Expression {
    this.skipWhitespace();
    const c = this.src[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') {
      this.pos++;
      return this.template(true);
    }
    if (c !== undefined && /[-0-9]/.test(c)) return this.number();
    if (c !== undefined && /[A-Za-z_]/.test(c)) return this.identifierExpression();
    return this.fail(`unexpected ${c === undefined ? 'end of input' : JSON.stringify(c)}`);
  }

  private object(): Expression {
    this.pos++;
    const entries: (readonly [Expression, Expression])[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.src[this.pos] === '}') {
        this.pos++;
        return { kind: 'object', entries };
      }
      const key = this.src[this.pos] === '"' ? (this.pos++, this.template(true)) : ({ kind: 'literal', value: this.identifier() } as const);
      this.skipWhitespace();
      const separator = this.src[this.pos];
      if (separator !== '=' && separator !== ':') this.fail('expected "=" or ":" after an object key');
      this.pos++;
      entries.push([key, this.expression()]);
      this.skipSeparator();
    }
  }

  private tuple(): Expression {
    this.pos++;
    const items: Expression[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.src[this.pos] === ']') {
        this.pos++;
        return { kind: 'tuple', items };
      }
      items.push(this.expression());
      this.skipSeparator();
    }
  }

  private number(): Expression {
    const match = /-?\d+(\.\d+)?([eE][-+]?\d+)?/y;
    match.lastIndex = this.pos;
    const found = match.exec(this.src);
    if (!found) return this.fail('malformed number');
    this.pos += found[0].length;
    return { kind: 'literal', value: Number(found[0]) };
  }

  private identifierExpression(): Expression {
    const start = this.pos;
    const first = this.identifier();
    if (first === 'true' || first === 'false') return { kind: 'literal', value: first === 'true' };
    if (first === 'null') return { kind: 'literal', value: null };
    this.skipWhitespace();
    if (this.src[this.pos] === '(') return this.call(first, start);
    const segments = [first];
    while (this.src[this.pos] === '.') {
      this.pos++;
      segments.push(this.identifier());
    }
    if (this.src[this.pos] === '[') this.fail('index traversals ([...]) are not supported');
    return { kind: 'reference', reference: toReference(segments) };
  }

  private call(name: string, start: number): Expression {
    this.pos++;
    const args: Expression[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.src.length) this.fail(`${name}( is not closed`);
      if (this.src[this.pos] === ')') {
        this.pos++;
        return { kind: 'call', name, args, position: start };
      }
      args.push(this.expression());
      this.skipSeparator();
    }
  }

  private identifier(): string {
    const match = /[A-Za-z_][A-Za-z0-9_-]*|\d+/y;
    match.lastIndex = this.pos;
    const found = match.exec(this.src);
    if (!found) return this.fail('expected an identifier');
    this.pos += found[0].length;
    return found[0];
  }

  private escape(): string {
    const code = this.src[this.pos + 1];
    this.pos += 2;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
    if (code !== undefined && code in simple) return simple[code] as string;
    const width = code === 'u' ? 4 : code === 'U' ? 8 : 0;
    const hex = this.src.slice(this.pos, this.pos + width);
    if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) this.fail(`invalid escape \\${code ?? ''}`);
    this.pos += width;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  private skipWhitespace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] as string)) this.pos++;
  }

  /** After an element: an optional comma (object attributes may also be separated by newlines, as in HCL). */
  private skipSeparator(): void {
    this.skipWhitespace();
    if (this.src[this.pos] === ',') this.pos++;
  }

  private fail(reason: string): never {
    throw new UnsupportedExpressionError(this.src, this.pos, reason);
  }
}

function toReference(segments: readonly string[]): TerraformReference {
  const expression = segments.join('.');
  const [root = '', second = '', third = ''] = segments;
  if (root === 'data') {
    return { expression, kind: 'data', address: `data.${second}.${third}`, type: second, name: third, attribute: segments.slice(3).join('.') };
  }
  const kind = root === 'var' || root === 'local' ? root : LANGUAGE_ROOTS.has(root) ? 'other' : 'resource';
  return { expression, kind, address: `${root}.${second}`, type: root, name: second, attribute: segments.slice(2).join('.') };
}

/** Every reference an expression makes, in source order. */
export function referencesOf(expression: Expression): TerraformReference[] {
  switch (expression.kind) {
    case 'literal':
      return [];
    case 'reference':
      return [expression.reference];
    case 'tuple':
      return expression.items.flatMap(referencesOf);
    case 'object':
      return expression.entries.flatMap(([key, value]) => [...referencesOf(key), ...referencesOf(value)]);
    case 'call':
      return expression.args.flatMap(referencesOf);
    case 'template':
      return expression.parts.flatMap((part) => (typeof part === 'string' ? [] : referencesOf(part)));
  }
}
