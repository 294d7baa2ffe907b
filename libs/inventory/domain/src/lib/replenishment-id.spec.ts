import fc from 'fast-check';
import { replenishmentIdFor } from './replenishment-id';

describe('replenishmentIdFor', () => {
  it('gives the same record the same UUID v5, every time', () => {
    // Prepare
    const source = { eventID: 'example', sequenceNumber: 'example' };

    // Act
    const first = replenishmentIdFor('p#1234', source);
    const again = replenishmentIdFor('p#1234', { ...source });

    // Assess
    expect(first).toBe(again);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives different records different ids, even when their parts could be run together', () => {
    // Act
    const ids = [
      replenishmentIdFor('p#1', { eventID: 'e1', sequenceNumber: '100' }),
      replenishmentIdFor('p#1', { eventID: 'e1', sequenceNumber: '101' }),
      replenishmentIdFor('p#1', { eventID: 'e2', sequenceNumber: '100' }),
      replenishmentIdFor('p#2', { eventID: 'e1', sequenceNumber: '100' }),
      replenishmentIdFor('p#1e', { eventID: '1', sequenceNumber: '100' }),
    ];

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is injective over random sources (no collisions among distinct inputs)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string(), fc.string(), fc.string()), { minLength: 2, maxLength: 50, selector: (t) => JSON.stringify(t) }), (parts) => {
        // Act
        const ids = parts.map(([productId, eventID, sequenceNumber]) => replenishmentIdFor(productId, { eventID, sequenceNumber }));

        // Assess
        expect(new Set(ids).size).toBe(parts.length);
      }),
    );
  });
});
