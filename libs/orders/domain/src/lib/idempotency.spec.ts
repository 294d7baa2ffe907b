import fc from 'fast-check';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { idempotencyKeySchema, orderIdentity, requestFingerprint } from './idempotency';

describe('orderIdentity', () => {
  it('derives the same order id and token from the same Idempotency-Key, at any time', () => {
    // Prepare
    const key = 'checkout-42_A';

    // Act
    const first = orderIdentity({ ownerId: 'alice', idempotencyKey: key }, new Date('2026-01-01T00:00:00.000Z'));
    const later = orderIdentity({ ownerId: 'alice', idempotencyKey: key }, new Date('2027-06-30T12:00:00.000Z'));

    // Assess
    expect(later).toEqual(first);
    expect(uuidVersion(first.orderId)).toBe(5);
    expect(uuidVersion(first.clientRequestToken)).toBe(5);
    expect(first.clientRequestToken).not.toBe(first.orderId);
    expect(first.clientRequestToken.length).toBeLessThanOrEqual(36);
  });

  it('gives different keys different ids', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (a, b) => {
        fc.pre(a !== b);
        expect(orderIdentity({ ownerId: 'alice', idempotencyKey: a }).orderId).not.toBe(orderIdentity({ ownerId: 'alice', idempotencyKey: b }).orderId);
      }),
    );
  });

  it('gives two owners who pick the same key different ids, whatever characters their ids hold', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (alice, bob, key) => {
        fc.pre(alice !== bob);
        const ofAlice = orderIdentity({ ownerId: alice, idempotencyKey: key });
        const ofBob = orderIdentity({ ownerId: bob, idempotencyKey: key });
        expect(ofBob.orderId).not.toBe(ofAlice.orderId);
        expect(ofBob.clientRequestToken).not.toBe(ofAlice.clientRequestToken);
      }),
    );
  });

  it('uses a fresh time-ordered UUID v7 without a key, the token equal to the order id', () => {
    // Prepare
    const earlier = new Date('2026-01-01T00:00:00.000Z');
    const later = new Date('2026-01-01T00:00:01.000Z');

    // Act
    const a = orderIdentity({ ownerId: 'alice' }, earlier);
    const b = orderIdentity({ ownerId: 'alice' }, later);

    // Assess
    expect(isUuid(a.orderId) && uuidVersion(a.orderId)).toBe(7);
    expect(a.clientRequestToken).toBe(a.orderId);
    expect(a.orderId < b.orderId).toBe(true);
    expect(orderIdentity({ ownerId: 'alice' }, earlier).orderId).not.toBe(a.orderId);
  });
});

describe('requestFingerprint', () => {
  it('is stable for the same content and differs when product or quantity differ', () => {
    // Act
    const fingerprint = requestFingerprint({ productId: 'p#1234', quantity: 2 });

    // Assess
    expect(requestFingerprint({ quantity: 2, productId: 'p#1234' })).toBe(fingerprint);
    expect(requestFingerprint({ productId: 'p#1234', quantity: 3 })).not.toBe(fingerprint);
    expect(requestFingerprint({ productId: 'p#1235', quantity: 2 })).not.toBe(fingerprint);
    expect(fingerprint).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
  });

  it('cannot be fooled by a product id that imitates the separator', () => {
    // Assess: JSON encoding keeps ("a", 12) and ("a\",1", 2)-style pairs apart
    expect(requestFingerprint({ productId: 'p",1', quantity: 2 })).not.toBe(requestFingerprint({ productId: 'p', quantity: 12 }));
  });
});

describe('idempotencyKeySchema', () => {
  it.each(['a', 'A-Z_0-9', 'x'.repeat(64)])('accepts %j', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'has space', 'slash/', 'ümlaut', 'semi;colon'])('rejects %j', (key) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
  });
});
