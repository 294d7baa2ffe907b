/** A DynamoDB JSON request body, or one member of a transaction. */
type Body = Readonly<Record<string, unknown>>;

/** Words of expression grammar that are not attribute names. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN',
  'attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size', 'if_not_exists', 'list_append',
]);

/**
 * The top-level attribute names an expression refers to: `#name` placeholders resolved through
 * `ExpressionAttributeNames`, bare names as written; values (`:v`), keywords, functions and the
 * parts of a document path after its first segment are not names of top-level attributes.
 */
function expressionAttributes(expression: unknown, names: unknown): string[] {
  if (typeof expression !== 'string') return [];
  const placeholders = names && typeof names === 'object' ? (names as Record<string, unknown>) : {};
  const found: string[] = [];
  // A path starts after a separator that is not `.` (which continues a path) or `:` (a value).
  for (const match of expression.matchAll(/(?<![.:#\w])(#?[A-Za-z_][\w-]*)/g)) {
    const token = match[1] as string;
    const after = expression.slice((match.index ?? 0) + token.length).trimStart();
    if (KEYWORDS.has(token) && !token.startsWith('#')) continue;
    if (!token.startsWith('#') && after.startsWith('(')) continue; // a function call
    const name = token.startsWith('#') ? placeholders[token] : token;
    if (typeof name === 'string') found.push(name);
  }
  return found;
}

const keysOf = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

/**
 * The value AWS gives the `dynamodb:Attributes` condition key for one item-level request (or one
 * transaction member), or `undefined` when the request names no attributes (a GetItem or Query
 * without projection reads them all, and AWS leaves the key absent: a `ForAllValues` condition is
 * then vacuously true, which is why policies pair it with `Null: false`).
 *
 * - PutItem: the item's attributes. UpdateItem: the key's and those `UpdateExpression` (or the
 *   legacy `AttributeUpdates`) writes. DeleteItem: the key's.
 * - GetItem, Query, Scan: the key's (when given) and those `ProjectionExpression` (or the legacy
 *   `AttributesToGet`) reads, present only when a projection is given.
 *
 * Attributes only tested by a `ConditionExpression` are not added (AWS's documentation lists
 * written and projected attributes).
 *
 * @example
 * requestAttributes('UpdateItem', { Key: { productId: … }, UpdateExpression: 'SET #o = #o + :n', ExpressionAttributeNames: { '#o': 'onOrder' } });
 * // ['productId', 'onOrder']
 */
export function requestAttributes(operation: 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'GetItem' | 'Query' | 'Scan', body: Body): string[] | undefined {
  const names = body['ExpressionAttributeNames'];
  let attributes: string[];
  switch (operation) {
    case 'PutItem':
      attributes = keysOf(body['Item']);
      break;
    case 'UpdateItem':
      attributes = [...keysOf(body['Key']), ...expressionAttributes(body['UpdateExpression'], names), ...keysOf(body['AttributeUpdates'])];
      break;
    case 'DeleteItem':
      attributes = keysOf(body['Key']);
      break;
    default: {
      const projected = [
        ...expressionAttributes(body['ProjectionExpression'], names),
        ...(Array.isArray(body['AttributesToGet']) ? body['AttributesToGet'].filter((a): a is string => typeof a === 'string') : []),
      ];
      if (projected.length === 0) return undefined;
      attributes = [...keysOf(body['Key']), ...projected];
    }
  }
  return attributes.length === 0 ? undefined : [...new Set(attributes)];
}
