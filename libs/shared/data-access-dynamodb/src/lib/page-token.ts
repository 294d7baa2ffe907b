/** A key as the document client returns it in `LastEvaluatedKey`. */
type Key = Record<string, unknown>;

/** A `nextToken` that no listing of ours handed out (or handed out for another listing). */
export class InvalidPageTokenError extends Error {
  constructor(
    readonly token: string,
    readonly reason: string,
  ) {
    super(`Invalid nextToken: ${reason}`);
    this.name = 'InvalidPageTokenError';
  }
}

/**
 * The opaque `nextToken` of a page: the query's `LastEvaluatedKey` as base64url JSON. Opaque to
 * clients (they pass it back unchanged), not secret.
 *
 * @example
 * const nextToken = LastEvaluatedKey && encodePageToken(LastEvaluatedKey);
 */
export function encodePageToken(key: Key): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The `ExclusiveStartKey` a token stands for, checked to hold exactly `keyNames` as non-empty
 * strings: anything else throws {@link InvalidPageTokenError}, so a forged or truncated token is
 * a clear client error, never a DynamoDB ValidationException.
 *
 * @example
 * const ExclusiveStartKey = nextToken === undefined ? undefined : decodePageToken(nextToken, ['replenishmentId', 'productId', 'createdAt']);
 */
export function decodePageToken(token: string, keyNames: readonly string[]): Key {
  const invalid = (reason: string): never => {
    throw new InvalidPageTokenError(token, reason);
  };
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(token)) return invalid('not a token this API issued');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return invalid('not a token this API issued');
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return invalid('not a token this API issued');
  const names = Object.keys(key);
  const expected = [...keyNames].sort();
  if (names.length !== expected.length || [...names].sort().some((name, i) => name !== expected[i])) {
    return invalid('issued for another listing');
  }
  if (Object.values(key).some((value) => typeof value !== 'string' || value.length === 0)) return invalid('malformed key');
  return key as Key;
}
