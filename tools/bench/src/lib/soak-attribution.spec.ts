import { attributeReplenishments } from './soak-attribution';
import type { SoakOrder } from './soak-types';

describe('attributeReplenishments', () => {
  let clock = 0;
  /** A sale of product `productId`, sent now and answered 5 ms later. */
  const sale = (productId: string, outcome: SoakOrder['outcome'] = 'placed'): SoakOrder => {
    clock += 100;
    return { productId, sentAtMs: clock, answeredAtMs: clock + 5, latencyMs: 5, outcome };
  };

  it("pairs each product's n-th shortfall with its n-th replenishment, across receipts", () => {
    // Prepare: 'a' starts at 21 (threshold 20): the 2nd sale takes it to 19; received at stock 18 (+40 = 58); 39 more sales take it to 19 again
    clock = 0;
    const first = [sale('a'), sale('a'), sale('a')];
    const receipt = { productId: 'a', atMs: clock + 50, stockAfter: 58 };
    clock += 100;
    const second = Array.from({ length: 39 }, () => sale('a'));
    const shortfalls = [first[1], second[38]] as [SoakOrder, SoakOrder];

    // Act
    const { attributed, productsLeftOut } = attributeReplenishments({
      threshold: 20,
      initialStock: new Map([['a', 21]]),
      orders: [...second, ...first],
      receipts: [receipt],
      replenishments: [
        { productId: 'a', createdAtMs: shortfalls[1].sentAtMs + 420 },
        { productId: 'a', createdAtMs: shortfalls[0].sentAtMs + 300 },
      ],
    });

    // Assess
    expect(productsLeftOut).toEqual([]);
    expect(attributed).toEqual([
      { productId: 'a', sentAtMs: shortfalls[0].sentAtMs, latencyMs: 300 },
      { productId: 'a', sentAtMs: shortfalls[1].sentAtMs, latencyMs: 420 },
    ]);
  });

  it('does not count an order answered 409 as a sale', () => {
    // Prepare: 21 → 20 → (409, nothing changes) → 19
    clock = 0;
    const orders = [sale('a'), sale('a', 'out-of-stock'), sale('a')];

    // Act
    const { attributed } = attributeReplenishments({ threshold: 20, initialStock: new Map([['a', 21]]), orders, replenishments: [{ productId: 'a', createdAtMs: 1_000 }], receipts: [] });

    // Assess
    expect(attributed).toEqual([{ productId: 'a', sentAtMs: (orders[2] as SoakOrder).sentAtMs, latencyMs: 1_000 - (orders[2] as SoakOrder).sentAtMs }]);
  });

  it('leaves out a product whose shortfalls and replenishments do not pair up, and keeps the others', () => {
    // Prepare: 'a' falls short once but shows two replenishments; 'b' never falls short and shows none
    clock = 0;
    const orders = [sale('a'), sale('a'), sale('b')];

    // Act
    const { attributed, productsLeftOut } = attributeReplenishments({
      threshold: 20,
      initialStock: new Map([['a', 21], ['b', 30]]),
      orders,
      receipts: [],
      replenishments: [{ productId: 'a', createdAtMs: 900 }, { productId: 'a', createdAtMs: 950 }],
    });

    // Assess
    expect(productsLeftOut).toEqual(['a']);
    expect(attributed).toEqual([]);
  });

  it('leaves out a product a receipt left short (no order to attribute that shortfall to)', () => {
    // Prepare: a receipt answered with stock 10 < 20
    clock = 0;
    const orders = [sale('a'), sale('a')];

    // Act
    const { productsLeftOut } = attributeReplenishments({
      threshold: 20,
      initialStock: new Map([['a', 21]]),
      orders,
      receipts: [{ productId: 'a', atMs: clock + 100, stockAfter: 10 }],
      replenishments: [{ productId: 'a', createdAtMs: 500 }, { productId: 'a', createdAtMs: 900 }],
    });

    // Assess
    expect(productsLeftOut).toEqual(['a']);
  });
});
