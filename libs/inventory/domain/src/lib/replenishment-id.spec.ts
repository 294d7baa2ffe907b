import fc from 'fast-check';
import { replenishmentIdFor } from './replenishment-id';

describe('replenishmentIdFor', () => {
  it('gives the same product state the same UUID v5, every time', () => {
    // Act
    const first = replenishmentIdFor('p#1234', 7);
    const again = replenishmentIdFor('p#1234', 7);

    // Assess
    expect(first).toBe(again);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives different versions or products different ids, even when their parts could be run together', () => {
    // Act
    const ids = [
      replenishmentIdFor('p#1', 12),
      replenishmentIdFor('p#1', 2),
      replenishmentIdFor('p#11', 2),
      replenishmentIdFor('p#2', 12),
      replenishmentIdFor('p#1', 0),
    ];

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is injective over random products and versions (no collisions among distinct inputs)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string(), fc.nat()), { minLength: 2, maxLength: 50, selector: (t) => JSON.stringify(t) }),
        (parts) => {
          // Act
          const ids = parts.map(([productId, version]) => replenishmentIdFor(productId, version));

          // Assess
          expect(new Set(ids).size).toBe(parts.length);
        },
      ),
    );
  });
});
