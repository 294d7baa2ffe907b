/**
 * Which products of the batch being processed have failed, so that their later records are held
 * back (order is kept per product). A failure whose product is unknown holds back every later
 * record, and a later record whose product is unknown is held back by any earlier failure: either
 * could be the same product.
 */
export class ProductFailures {
  readonly #firstFailureByProduct = new Map<string, string>();
  #firstUnattributedFailure: string | undefined;

  /** SequenceNumber of the earlier failure that holds this product's records back, if any. */
  heldBackBy(productId: string | undefined): string | undefined {
    if (this.#firstUnattributedFailure !== undefined) return this.#firstUnattributedFailure;
    if (productId === undefined) return this.#firstFailureByProduct.values().next().value;
    return this.#firstFailureByProduct.get(productId);
  }

  record(productId: string | undefined, sequenceNumber: string | undefined): void {
    const label = sequenceNumber ?? '(no SequenceNumber)';
    if (productId === undefined) this.#firstUnattributedFailure ??= label;
    else if (!this.#firstFailureByProduct.has(productId)) this.#firstFailureByProduct.set(productId, label);
  }
}
