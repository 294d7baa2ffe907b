/** Status of a replenishment order. */
export const ReplenishmentStatus = { Pending: 'PENDING', Received: 'RECEIVED' } as const;
export type ReplenishmentStatus = (typeof ReplenishmentStatus)[keyof typeof ReplenishmentStatus];

/** The stream record a replenishment order was created from: what makes its id deterministic. */
export interface ReplenishmentSource {
  readonly eventID: string;
  readonly sequenceNumber: string;
}

/** An order to restock a product, written once per threshold crossing. */
export interface ReplenishmentOrder {
  readonly replenishmentId: string;
  readonly productId: string;
  readonly amountToReplenish: number;
  readonly status: ReplenishmentStatus;
  /** ISO-8601 timestamp. */
  readonly createdAt: string;
  readonly source: ReplenishmentSource;
  /** ISO-8601 timestamp, set when the goods arrive. */
  readonly receivedAt?: string;
}
