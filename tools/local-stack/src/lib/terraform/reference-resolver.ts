import { evaluateTerraformString, isRecord, TerraformJsonError, type TerraformReference } from '@shop/shared-util-terraform-json';
import { TerraformReferenceError } from '../errors';

/** The attributes a resource exposes once it exists locally (what Terraform keeps in its state). */
export type ResourceAttributes = Readonly<Record<string, string>>;

/**
 * The local state: what each resource the stack has created exposes, and the synth's
 * interpolations (`"${aws_dynamodb_table.products.name}"`, `"${aws_sqs_queue.dlq.arn}/*"`)
 * resolved against it, the way `terraform apply` would. Parsing and evaluation are
 * `@shop/shared-util-terraform-json`'s; only resource and data-source attributes resolve here, and
 * anything else (variables, locals, unregistered resources, unsupported expressions) is a
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
    let resolved: unknown;
    try {
      resolved = evaluateTerraformString(value, (reference) => this.lookup(reference, from));
    } catch (error) {
      if (error instanceof TerraformJsonError) throw new TerraformReferenceError(from, value, error.message);
      throw error;
    }
    if (typeof resolved !== 'string') throw new TerraformReferenceError(from, value, `it is ${JSON.stringify(resolved)}, not a string`);
    return resolved;
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

  private lookup(reference: TerraformReference, from: string): string {
    const text = `\${${reference.expression}}`;
    if (reference.kind !== 'resource' && reference.kind !== 'data') {
      throw new TerraformReferenceError(from, text, 'only references to resource and data source attributes (type.name.attribute) are supported');
    }
    const attributes = this.state.get(reference.address);
    if (!attributes) throw new TerraformReferenceError(from, text, `${reference.address} is not a resource the local stack creates`);
    const resolved = attributes[reference.attribute];
    if (resolved === undefined) {
      throw new TerraformReferenceError(from, text, `${reference.address} has no attribute "${reference.attribute}" locally (known: ${Object.keys(attributes).join(', ')})`);
    }
    return resolved;
  }
}
