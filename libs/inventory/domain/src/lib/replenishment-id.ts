import { v5 as uuidv5 } from 'uuid';
import type { ReplenishmentSource } from './replenishment-order';

/** UUID v5 namespace of replenishment ids. Never change it: existing ids would no longer match. */
export const REPLENISHMENT_ID_NAMESPACE = '0b5f3c1e-7a2d-4e8b-9c6f-3d1a2b4c5e6f';

/**
 * The id of the replenishment order a stream record causes: a UUID v5 of the product and the
 * record's eventID and SequenceNumber. The same record, delivered again, yields the same id, so
 * a conditional put turns the redelivery into a no-op; two different records never share one.
 *
 * @example
 * replenishmentIdFor('p#1234', { eventID: 'example', sequenceNumber: 'example' }); // always the same UUID
 */
export function replenishmentIdFor(productId: string, source: ReplenishmentSource): string {
  // JSON-encoded: no part can fake the boundary between two parts.
  return uuidv5(JSON.stringify([productId, source.eventID, source.sequenceNumber]), REPLENISHMENT_ID_NAMESPACE);
}
