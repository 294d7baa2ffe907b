import { decodePageToken, encodePageToken, InvalidPageTokenError } from './page-token';

const KEYS = ['replenishmentId', 'productId', 'createdAt'];

describe('encodePageToken / decodePageToken', () => {
  it('round-trips a LastEvaluatedKey through an opaque URL-safe token', () => {
    // Prepare
    const key = { replenishmentId: 'r-1', productId: 'p#1234 📦', createdAt: '2026-01-31T12:00:00.000Z' };

    // Act
    const token = encodePageToken(key);

    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, KEYS)).toEqual(key);
  });

  it.each([
    ['not base64url', 'not a token!', 'not a token this API issued'],
    ['not JSON', Buffer.from('{oops').toString('base64url'), 'not a token this API issued'],
    ['a JSON array', Buffer.from('["r-1"]').toString('base64url'), 'not a token this API issued'],
    ['another listing', encodePageToken({ openStatus: 'PENDING', createdAt: 'x', replenishmentId: 'r' }), 'issued for another listing'],
    ['a key with a number', encodePageToken({ replenishmentId: 'r', productId: 1, createdAt: 'x' }), 'malformed key'],
    ['too long', 'a'.repeat(2049), 'not a token this API issued'],
  ])('refuses %s with InvalidPageTokenError', (_case, token, reason) => {
    // Act
    const attempt = (): unknown => decodePageToken(token, KEYS);

    // Assess
    expect(attempt).toThrow(InvalidPageTokenError);
    expect(attempt).toThrow(reason);
  });
});
