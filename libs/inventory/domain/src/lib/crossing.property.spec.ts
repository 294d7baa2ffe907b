import fc from 'fast-check';
import { crossesBelowThreshold, type StockLevel } from './crossing';
import { MAX_QUANTITY } from './product';

/** Small values make equal stock and threshold (the boundary) common; large ones cover the range. */
const quantity = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: MAX_QUANTITY }));
/** A third of the levels sit on the boundary: stock one under, equal to or one over the threshold. */
const nearThreshold = fc
  .tuple(fc.integer({ min: 1, max: MAX_QUANTITY - 1 }), fc.integer({ min: -1, max: 1 }))
  .map(([reorderThreshold, offset]) => ({ stock: reorderThreshold + offset, reorderThreshold }));
const stockLevel: fc.Arbitrary<StockLevel> = fc.oneof(fc.record({ stock: quantity, reorderThreshold: quantity }), nearThreshold);
const isBelow = (l: StockLevel): boolean => l.stock < l.reorderThreshold;

describe('crossesBelowThreshold (properties)', () => {
  it('only reports a crossing when the product ends below its threshold', () => {
    fc.assert(
      fc.property(fc.option(stockLevel, { nil: undefined }), stockLevel, (before, after) => {
        // Act / Assess
        return !crossesBelowThreshold(before, after) || isBelow(after);
      }),
    );
  });

  it('never reports a crossing for a product that was already below', () => {
    fc.assert(
      fc.property(
        stockLevel.filter(isBelow),
        stockLevel,
        (before, after) => !crossesBelowThreshold(before, after),
      ),
    );
  });

  it('always reports a crossing from at-or-above to below', () => {
    fc.assert(
      fc.property(
        stockLevel.filter((l) => !isBelow(l)),
        stockLevel.filter(isBelow),
        (before, after) => crossesBelowThreshold(before, after),
      ),
    );
  });

  it('never reports a removal', () => {
    fc.assert(fc.property(fc.option(stockLevel, { nil: undefined }), (before) => !crossesBelowThreshold(before, undefined)));
  });

  it('a sale at a fixed threshold crosses exactly when it passes the threshold', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(30), fc.nat(30), (threshold, stock, sold) => {
        // Prepare
        const after = Math.max(0, stock - sold);

        // Act
        const crossed = crossesBelowThreshold({ stock, reorderThreshold: threshold }, { stock: after, reorderThreshold: threshold });

        // Assess
        return crossed === (stock >= threshold && after < threshold);
      }),
    );
  });

  it('over any life of a product, orders once per episode below the threshold', () => {
    fc.assert(
      fc.property(fc.array(stockLevel, { minLength: 1, maxLength: 60 }), (history) => {
        // Act: the product is created with history[0], then changes through the rest.
        const crossings = history.filter((after, i) => crossesBelowThreshold(i === 0 ? undefined : history[i - 1], after)).length;

        // Assess: an episode is a maximal run of consecutive levels below the threshold.
        const episodes = history.filter((l, i) => isBelow(l) && (i === 0 || !isBelow(history[i - 1] as StockLevel))).length;
        expect(crossings).toBe(episodes);
      }),
    );
  });
});
