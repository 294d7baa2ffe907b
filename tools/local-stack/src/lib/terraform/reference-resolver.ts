import { TerraformReferenceError } from '../errors';
import { isRecord } from './terraform-document';

/** The attributes a resource exposes once it exists locally (what Terraform keeps in its state). */
export type ResourceAttributes = Readonly<Record<string, string>>;

const REFERENCE = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z][a-z0-9_]*)$/;

/**
 * Resolves Terraform interpolations (`"${aws_dynamodb_table.products.name}"`, also inside longer
 * strings such as `"${aws_sqs_queue.dlq.arn}/*"`) against the attributes of the resources the
 * stack has created, the way `terraform apply` would. Only resource and data-source attribute
 * references are understood; any other expression (functions, variables, locals, operators) is a
 * {@link TerraformReferenceError}, never passed through as text.
 *
 * @example
 * const resolver = new ReferenceResolver();
 * resolver.register('aws_dynamodb_table.products', { name: 'shop-dev-products' });
 * resolver.resolveString('${aws_dynamodb_table.products.name}', 'aws_lambda_function.api'); // 'shop-dev-products'
 */
export class ReferenceResolver {
  private readonly state = new Map<string, ResourceAttributes>();

  /** Records what a created resource exposes. Registering an address twice is a bug. */
  register(address: string, attributes: ResourceAttributes): void {
    if (this.state.has(address)) throw new Error(`${address} is registered twice`);
    this.state.set(address, attributes);
  }

  /** The attributes registered for an address, if any. */
  attributesOf(address: string): ResourceAttributes | undefined {
    return this.state.get(address);
  }

  /** Resolves every interpolation in a string; `from` names the resource for error messages. */
  resolveString(value: string, from: string): string {
    let result = '';
    let index = 0;
    while (index < value.length) {
      const next = value.indexOf('${', index);
      const directive = value.indexOf('%{', index);
      if (directive !== -1 && (next === -1 || directive < next) && value[directive - 1] !== '%') {
        throw new TerraformReferenceError(from, value.slice(directive + 2), 'template directives (%{...}) are not supported');
      }
      if (next === -1) {
        result += value.slice(index);
        break;
      }
      if (value[next - 1] === '$') {
        // `$${` is Terraform's escape for a literal `${`.
        result += `${value.slice(index, next - 1)}\${`;
        index = next + 2;
        continue;
      }
      const end = value.indexOf('}', next);
      if (end === -1) throw new TerraformReferenceError(from, value.slice(next + 2), 'the interpolation is not closed');
      result += value.slice(index, next) + this.lookup(value.slice(next + 2, end).trim(), from);
      index = end + 1;
    }
    return result;
  }

  /** Resolves strings anywhere inside objects and arrays; other values are returned as they are. */
  resolveDeep<T>(value: T, from: string): T {
    if (typeof value === 'string') return this.resolveString(value, from) as T;
    if (Array.isArray(value)) return value.map((item) => this.resolveDeep(item, from)) as T;
    if (isRecord(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolveDeep(item, from)])) as T;
    }
    return value;
  }

  private lookup(expression: string, from: string): string {
    const match = REFERENCE.exec(expression);
    if (!match) {
      throw new TerraformReferenceError(from, expression, 'only references to resource attributes (type.name.attribute) are supported');
    }
    const [, data, type, name, attribute] = match;
    const address = `${data ?? ''}${type}.${name}`;
    const attributes = this.state.get(address);
    if (!attributes) {
      throw new TerraformReferenceError(from, expression, `${address} is not a resource the local stack creates`);
    }
    const resolved = attributes[attribute as string];
    if (resolved === undefined) {
      throw new TerraformReferenceError(from, expression, `${address} has no attribute "${attribute}" locally (known: ${Object.keys(attributes).join(', ')})`);
    }
    return resolved;
  }
}

/** True when a value holds an interpolation anywhere (`${` not escaped as `$${`). */
export function hasInterpolation(value: unknown): boolean {
  if (typeof value === 'string') return /(^|[^$])\$\{/.test(value);
  if (Array.isArray(value)) return value.some(hasInterpolation);
  if (isRecord(value)) return Object.values(value).some(hasInterpolation);
  return false;
}
