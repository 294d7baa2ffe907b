import { pooledRandomBytes, randomHex } from './random-ids';

describe('pooled random ids', () => {
  it('gives ids of the asked length that do not repeat, across pool refills', () => {
    // Act: 2,000 ids of 12 bytes run through the 4 kB pool several times
    const ids = Array.from({ length: 2000 }, () => randomHex(12));

    // Assess
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pooledRandomBytes(10)).toHaveLength(10);
  });

  it('refuses more than the pool holds', () => {
    // Act / Assess
    expect(() => pooledRandomBytes(5000)).toThrow(RangeError);
  });
});
