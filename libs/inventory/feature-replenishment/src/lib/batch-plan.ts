/** A record of a batch and its position in it. */
export type Indexed<T> = readonly [index: number, record: T];

/** The order a batch's records are handled in, as {@link planBatch} decides it. */
export interface BatchPlan<T = unknown> {
  /** Per product, its records before the first keyless one, in stream order. */
  readonly byProduct: ReadonlyMap<string, readonly Indexed<T>[]>;
  /** The records from the first one whose product cannot be told: it, and all after it (held back). */
  readonly fromKeyless: readonly Indexed<T>[];
  /** Index of the first record whose product cannot be told, if any. */
  readonly keyless?: number;
}

/**
 * How a batch of stream records is scheduled, from each record's product (`productOf` answers
 * `undefined` when the record has no key):
 *
 * - Records are grouped by product. A product's records are handled strictly in stream order;
 *   different products may be handled concurrently.
 * - A record whose product cannot be told could belong to any product: it is handled after every
 *   record before it, and every record after it is held back ({@link heldBackBy}).
 *
 * @example
 * planBatch(['p#a', 'p#b', 'p#a'], (id) => id); // byProduct: { 'p#a' => [[0, 'p#a'], [2, 'p#a']], 'p#b' => [[1, 'p#b']] }
 * planBatch(['p#a', undefined, 'p#b'], (id) => id); // byProduct: { 'p#a' => [[0, 'p#a']] }, keyless: 1
 */
export function planBatch<T>(records: readonly T[], productOf: (record: T) => string | undefined): BatchPlan<T> {
  const byProduct = new Map<string, Indexed<T>[]>();
  for (const [index, record] of records.entries()) {
    const productId = productOf(record);
    if (productId === undefined) return { byProduct, fromKeyless: [...records.entries()].slice(index), keyless: index };
    const group = byProduct.get(productId);
    if (group) group.push([index, record]);
    else byProduct.set(productId, [[index, record]]);
  }
  return { byProduct, fromKeyless: [] };
}

/**
 * The failed record that holds record `index` back, or `undefined` when it may be handled. A
 * record is held back by the first failure among the earlier records of its product; the keyless
 * record by the first failure of any earlier record; every record after the keyless one by it.
 * Handling a held-back record would apply its product's changes out of order: Lambda retries from
 * the lowest failed record, so it comes again.
 *
 * @example
 * const plan = planBatch(['p#a', 'p#b', 'p#a'], (id) => id);
 * heldBackBy(plan, 2, new Set([0]), 'p#a'); // 0
 * heldBackBy(plan, 1, new Set([0]), 'p#b'); // undefined: another product
 */
export function heldBackBy(plan: BatchPlan, index: number, failed: ReadonlySet<number>, productId?: string): number | undefined {
  const earliestFailure = (candidates: Iterable<number>): number | undefined => {
    let earliest: number | undefined;
    for (const candidate of candidates) if (candidate < index && failed.has(candidate) && (earliest === undefined || candidate < earliest)) earliest = candidate;
    return earliest;
  };
  if (plan.keyless !== undefined && index > plan.keyless) return plan.keyless;
  if (index === plan.keyless) return earliestFailure(failed);
  return earliestFailure(productId === undefined ? [] : (plan.byProduct.get(productId) ?? []).map(([i]) => i));
}
