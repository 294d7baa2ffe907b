import {
  blockAt,
  chainResolvers,
  evaluateTerraformValue,
  UnresolvableReferenceError,
  type TerraformJson,
  type TerraformReferenceResolver,
  type TerraformValue,
} from '@shop/shared-util-terraform-json';
import { TerraformPolicyError } from '../errors';
import type { PolicyDocument } from '../types';
import { renderPolicyDocumentDataSource } from './policy-document-data-source';

/** The caller's resolver, plus `data.aws_iam_policy_document.x.json` rendered from the synth. */
export function withPolicyDocuments(synth: TerraformJson, resolve: TerraformReferenceResolver): TerraformReferenceResolver {
  const rendering = new Set<string>();
  const documents: TerraformReferenceResolver = (reference) => {
    if (reference.kind !== 'data' || reference.type !== 'aws_iam_policy_document') return undefined;
    if (reference.attribute !== 'json' && reference.attribute !== 'minified_json') return undefined;
    const block = blockAt(synth, reference.address);
    if (!block) throw new UnresolvableReferenceError(reference.expression, `${reference.address} is not declared in the synth`);
    if (rendering.has(reference.address)) throw new UnresolvableReferenceError(reference.expression, 'policy documents reference each other in a cycle');
    rendering.add(reference.address);
    try {
      const evaluated = evaluateTerraformValue(block.config, chained) as Record<string, TerraformValue>;
      return JSON.stringify(renderPolicyDocumentDataSource(reference.address, evaluated));
    } finally {
      rendering.delete(reference.address);
    }
  };
  const chained = chainResolvers(documents, resolve);
  return chained;
}

/** A policy attribute's evaluated value (a JSON string or an object) as a document. */
export function policyDocument(address: string, value: TerraformValue): PolicyDocument {
  let document: unknown = value;
  if (typeof value === 'string') {
    try {
      document = JSON.parse(value);
    } catch (error) {
      throw new TerraformPolicyError(address, 'policy is not a JSON document', { cause: error });
    }
  }
  if (!document || typeof document !== 'object' || !('Statement' in document)) {
    throw new TerraformPolicyError(address, 'policy has no Statement');
  }
  return document as PolicyDocument;
}
