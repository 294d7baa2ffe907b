/** The two tables a replenishment transaction spans. */
export interface ReplenishmentTableNames {
  readonly replenishmentTableName: string;
  /** Orders change the product's `onOrder` (and receipts its stock) in the same transaction. */
  readonly productsTableName: string;
}
