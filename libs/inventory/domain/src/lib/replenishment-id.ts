import { v5 as uuidv5 } from 'uuid';

/** UUID v5 namespace of replenishment ids. Never change it: existing ids would no longer match. */
export const REPLENISHMENT_ID_NAMESPACE = '0b5f3c1e-7a2d-4e8b-9c6f-3d1a2b4c5e6f';

/**
 * The id of the replenishment order decided from a product at `productVersion`: a UUID v5 of the
 * product and that version. Whoever decides from the same state (a redelivered or replayed record,
 * a second consumer, another region) computes the same id, so a conditional put lets only one
 * order through; a product's version only grows, so two decisions from different states never
 * share an id.
 *
 * @example
 * replenishmentIdFor('p#1234', 7); // always the same UUID
 */
export function replenishmentIdFor(productId: string, productVersion: number): string {
  // JSON-encoded: no part can fake the boundary between two parts. The `v` marks the scheme, so
  // these ids never meet the earlier ones derived from stream records.
  return uuidv5(JSON.stringify(['v', productId, productVersion]), REPLENISHMENT_ID_NAMESPACE);
}
