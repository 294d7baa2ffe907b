import fc from 'fast-check';
import { heldBackBy, planBatch } from './batch-plan';

describe('planBatch', () => {
  it('groups records by product, each in stream order', () => {
    // Act
    const plan = planBatch(['a1', 'b1', 'a2', 'c1', 'b2'], (r) => `p#${r[0]}`);

    // Assess
    expect([...plan.byProduct]).toEqual([
      ['p#a', [[0, 'a1'], [2, 'a2']]],
      ['p#b', [[1, 'b1'], [4, 'b2']]],
      ['p#c', [[3, 'c1']]],
    ]);
    expect(plan.keyless).toBeUndefined();
    expect(plan.fromKeyless).toEqual([]);
  });

  it('stops grouping at the first record without a product', () => {
    // Act
    const plan = planBatch(['p#a', undefined, 'p#b', undefined], (id) => id);

    // Assess
    expect([...plan.byProduct]).toEqual([['p#a', [[0, 'p#a']]]]);
    expect(plan.keyless).toBe(1);
    expect(plan.fromKeyless).toEqual([[1, undefined], [2, 'p#b'], [3, undefined]]);
  });

  it('plans every record exactly once, each under its own product (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('p#a', 'p#b', 'p#c'), { nil: undefined, freq: 8 })), (ids) => {
        const plan = planBatch(ids, (id) => id);
        const planned = [...[...plan.byProduct.values()].flat(), ...plan.fromKeyless].map(([i]) => i).sort((a, b) => a - b);
        expect(planned).toEqual(ids.map((_, i) => i));
        for (const [productId, group] of plan.byProduct) {
          for (const [i, id] of group) {
            expect(ids[i]).toBe(productId);
            expect(id).toBe(productId);
          }
        }
      }),
    );
  });
});

describe('heldBackBy', () => {
  const plan = planBatch(['p#a', 'p#b', 'p#a', undefined, 'p#c'], (id) => id);

  it.each<[string, number, number[], string | undefined, number | undefined]>([
    ['a record after a failure of its product', 2, [0], 'p#a', 0],
    ['a record after a failure of another product', 1, [0], 'p#b', undefined],
    ['a record whose product has not failed', 2, [1], 'p#a', undefined],
    ['the keyless record after any failure', 3, [1], undefined, 1],
    ['the keyless record with no failure before it', 3, [], undefined, undefined],
    ['every record after the keyless one', 4, [], 'p#c', 3],
  ])('holds back %s', (_case, index, failed, productId, expected) => {
    // Act
    const by = heldBackBy(plan, index, new Set(failed), productId);

    // Assess
    expect(by).toBe(expected);
  });
});
