import { ProductFailures } from './product-failures';

describe('ProductFailures', () => {
  it("holds back only the failed product's later records", () => {
    // Prepare
    const failures = new ProductFailures();

    // Act
    failures.record('p#1', '100');
    failures.record('p#1', '105');

    // Assess
    expect(failures.heldBackBy('p#1')).toBe('100');
    expect(failures.heldBackBy('p#2')).toBeUndefined();
  });

  it('holds back every later record after a failure whose product is unknown', () => {
    // Prepare
    const failures = new ProductFailures();

    // Act
    failures.record(undefined, '100');

    // Assess
    expect(failures.heldBackBy('p#2')).toBe('100');
    expect(failures.heldBackBy(undefined)).toBe('100');
  });

  it('holds back a record of unknown product after any failure, and nothing before one', () => {
    // Prepare
    const failures = new ProductFailures();
    const before = failures.heldBackBy(undefined);

    // Act
    failures.record('p#1', '100');

    // Assess
    expect(before).toBeUndefined();
    expect(failures.heldBackBy(undefined)).toBe('100');
  });
});
