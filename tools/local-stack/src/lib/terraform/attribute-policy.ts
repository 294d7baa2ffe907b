import { UnsupportedAttributeError } from '../errors';
import type { TerraformBlock } from '@shop/shared-util-terraform-json';

/**
 * What a reader does with each attribute of one resource type. Every attribute the synth sets
 * must be listed: either applied, or inert (no behaviour to emulate locally, reported at
 * start-up), or unsupported with the reason. Anything else stops the stack, so a new setting in
 * infra/ can never be dropped without anyone noticing.
 */
export interface AttributePolicy {
  readonly applied: readonly string[];
  /** attribute → why it changes nothing locally */
  readonly inert?: Readonly<Record<string, string>>;
  /** attribute → why it cannot be emulated */
  readonly unsupported?: Readonly<Record<string, string>>;
}

/** Terraform meta-arguments and bookkeeping attributes that never change behaviour. */
const ALWAYS_INERT: Readonly<Record<string, string>> = {
  depends_on: 'ordering only',
  lifecycle: 'Terraform planning only',
  provider: 'checked separately (one region locally)',
  timeouts: 'Terraform operation timeouts',
  tags: 'tags do not change behaviour',
  tags_all: 'tags do not change behaviour',
  region: 'checked separately (one region locally)',
};

/** An attribute that is set but has no local effect, to report once at start-up. */
export interface InertAttribute {
  readonly address: string;
  readonly attribute: string;
  readonly reason: string;
}

/**
 * Checks every attribute of a resource against its policy. Returns the inert ones that are set
 * (to report); throws {@link UnsupportedAttributeError} for an unsupported or unknown one.
 */
export function checkAttributes(resource: TerraformBlock, policy: AttributePolicy): InertAttribute[] {
  const inert: InertAttribute[] = [];
  for (const [attribute, value] of Object.entries(resource.config)) {
    if (value === undefined || value === null) continue;
    if (policy.applied.includes(attribute)) continue;
    const unsupported = policy.unsupported?.[attribute];
    if (unsupported !== undefined) throw new UnsupportedAttributeError(resource.address, attribute, unsupported);
    const reason = policy.inert?.[attribute] ?? ALWAYS_INERT[attribute];
    if (reason === undefined) {
      throw new UnsupportedAttributeError(resource.address, attribute, 'the local stack does not know this attribute; teach tools/local-stack about it');
    }
    if (!(attribute in ALWAYS_INERT)) inert.push({ address: resource.address, attribute, reason });
  }
  return inert;
}

/** Same check for a nested block (e.g. a GSI), named `address.block[index]` in errors. */
export function checkBlockAttributes(address: string, block: Readonly<Record<string, unknown>>, policy: AttributePolicy): InertAttribute[] {
  return checkAttributes({ type: '', name: '', address, config: block }, policy);
}
