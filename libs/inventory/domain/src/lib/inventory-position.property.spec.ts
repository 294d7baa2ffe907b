import fc from 'fast-check';
import { inventoryPosition, replenishmentAmountFor, type InventoryLevel } from './inventory-position';
import { MAX_QUANTITY } from './quantity';

/** Small values make the boundaries common; large ones cover the range. */
const quantity = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 2 ** 40 }));
const level: fc.Arbitrary<InventoryLevel> = fc.record({
  stock: quantity,
  onOrder: quantity,
  reorderThreshold: quantity,
  amountToReplenish: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 2 ** 40 })),
});

/**
 * A decision rule as the simulation below applies it: how much to order after a change from
 * `before` (undefined for a new product) to `after`.
 */
type Policy = (before: InventoryLevel | undefined, after: InventoryLevel) => number;

const positionPolicy: Policy = (_before, after) => replenishmentAmountFor(after);

/** What happens to a product, in any order. */
type Step =
  | { readonly kind: 'sale'; readonly quantity: number }
  | { readonly kind: 'receive'; readonly which: number }
  | { readonly kind: 'cancel'; readonly which: number }
  | { readonly kind: 'edit'; readonly stock?: number; readonly reorderThreshold?: number; readonly amountToReplenish?: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sale' as const), quantity: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { kind: fc.constant('edit' as const), stock: fc.nat(120), reorderThreshold: fc.nat(100), amountToReplenish: fc.integer({ min: 1, max: 60 }) },
      { requiredKeys: ['kind'] },
    ),
  },
);

interface Life {
  readonly positionsLeftBelow: number;
  readonly unneededOrders: number;
  /** Orders larger than the smallest multiple of the lot that covers the shortfall. */
  readonly oversizedOrders: number;
  readonly onOrderMismatches: number;
  readonly negativeStock: number;
}

/**
 * One product's life under `policy`: after every step the consumer applies the policy to the
 * product as it is, recording each order as PENDING and adding it to `onOrder`. Counts what the
 * promise forbids.
 */
function live(policy: Policy, start: InventoryLevel, steps: readonly Step[]): Life {
  let current: InventoryLevel = { ...start, onOrder: 0 };
  let pending: number[] = [];
  const life = { positionsLeftBelow: 0, unneededOrders: 0, oversizedOrders: 0, onOrderMismatches: 0, negativeStock: 0 };
  const decide = (before: InventoryLevel | undefined): void => {
    const amount = policy(before, current);
    if (amount === 0) return;
    if (inventoryPosition(current) >= current.reorderThreshold) life.unneededOrders++;
    pending = [...pending, amount];
    current = { ...current, onOrder: current.onOrder + amount };
    if (inventoryPosition(current) - current.amountToReplenish >= current.reorderThreshold) life.oversizedOrders++;
  };
  decide(undefined);
  for (const s of steps) {
    const before = current;
    const settle = (which: number, received: boolean): void => {
      if (pending.length === 0) return;
      const amount = pending[which % pending.length] as number;
      pending = pending.filter((_, i) => i !== which % pending.length);
      current = { ...current, onOrder: current.onOrder - amount, stock: current.stock + (received ? amount : 0) };
    };
    if (s.kind === 'sale') current = { ...current, stock: current.stock - Math.min(s.quantity, current.stock) };
    else if (s.kind === 'receive') settle(s.which, true);
    else if (s.kind === 'cancel') settle(s.which, false);
    else current = { ...current, ...s, onOrder: current.onOrder };
    if (current.stock < 0) life.negativeStock++;
    decide(before);
    if (inventoryPosition(current) < current.reorderThreshold) life.positionsLeftBelow++;
    if (current.onOrder !== pending.reduce((sum, a) => sum + a, 0)) life.onOrderMismatches++;
  }
  return life;
}

const start = fc.record({
  stock: fc.nat(120),
  onOrder: fc.constant(0),
  reorderThreshold: fc.nat(100),
  amountToReplenish: fc.integer({ min: 1, max: 60 }),
});
const keepsThePromise = (policy: Policy) =>
  fc.property(start, fc.array(step, { maxLength: 40 }), (first, steps) => {
    const life = live(policy, first, steps);
    return Object.values(life).every((count) => count === 0);
  });

describe('replenishmentAmountFor (properties)', () => {
  it('orders exactly when the position is below the threshold', () => {
    fc.assert(fc.property(level, (l) => (replenishmentAmountFor(l) > 0) === (l.stock + l.onOrder < l.reorderThreshold)));
  });

  it('orders the smallest multiple of the lot that brings the position to at least the threshold', () => {
    fc.assert(
      fc.property(level, (l) => {
        // Act
        const amount = replenishmentAmountFor(l);

        // Assess
        const after = l.stock + l.onOrder + amount;
        expect(amount % l.amountToReplenish).toBe(0);
        expect(after).toBeGreaterThanOrEqual(l.reorderThreshold);
        if (amount > 0) expect(after - l.amountToReplenish).toBeLessThan(l.reorderThreshold);
      }),
    );
  });

  it('is satisfied by its own order: deciding again after applying it orders nothing', () => {
    fc.assert(
      fc.property(level, (l) => {
        const amount = replenishmentAmountFor(l);
        return amount > MAX_QUANTITY - l.onOrder || replenishmentAmountFor({ ...l, onOrder: l.onOrder + amount }) === 0;
      }),
    );
  });

  it('gives a receipt no say: moving units from on order to stock changes no decision', () => {
    fc.assert(
      fc.property(level, fc.nat(), (l, moved) => {
        const units = l.onOrder === 0 ? 0 : moved % (l.onOrder + 1);
        return replenishmentAmountFor({ ...l, onOrder: l.onOrder - units, stock: l.stock + units }) === replenishmentAmountFor(l);
      }),
    );
  });

  it('over any life of sales, receipts, cancels and edits, never leaves the position below the threshold, never orders what is not needed or more than needed', () => {
    fc.assert(keepsThePromise(positionPolicy));
  });
});

describe('the life property catches broken policies', () => {
  it.each<[string, Policy]>([
    [
      'an edge rule (order one lot when stock goes from at or above the threshold to below it)',
      (before, after) =>
        after.stock < after.reorderThreshold && (before === undefined || before.stock >= before.reorderThreshold) ? after.amountToReplenish : 0,
    ],
    ['one lot whenever the position is short (not enough for a deep shortfall)', (_b, after) => (inventoryPosition(after) < after.reorderThreshold ? after.amountToReplenish : 0)],
    ['the position rule on stock alone (ignores what is on order)', (_b, after) => replenishmentAmountFor({ ...after, onOrder: 0 })],
    ['an order for one lot too many', (_b, after) => { const a = replenishmentAmountFor(after); return a === 0 ? 0 : a + after.amountToReplenish; }],
  ])('%s fails it', (_name, broken) => {
    // Act
    const result = fc.check(keepsThePromise(broken), { numRuns: 300 });

    // Assess
    expect(result.failed).toBe(true);
  });
});
