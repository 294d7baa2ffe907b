/**
 * A bounded least-recently-used map: `get` refreshes an entry, `set` evicts the entry used longest
 * ago once `capacity` is reached. Backed by a `Map`, whose iteration order is insertion order.
 *
 * @example
 * const cache = new LruCache<string, number>(2);
 * cache.set('a', 1); cache.set('b', 2); cache.get('a'); cache.set('c', 3);
 * cache.has('b'); // false: 'b' was the least recently used
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/**
 * The cache key of one IAM decision: the action, the resource and every condition key of the
 * request context with its value, sorted, JSON-encoded (so no value can forge a separator).
 * Whatever else the evaluator sees — the principal, its policies and the session's constant
 * context — is fixed for the cache's owner (one authorizer per role session).
 *
 * @example
 * decisionKey('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:000000000000:table/t', { 'dynamodb:ReturnValues': 'ALL_OLD' });
 */
export function decisionKey(action: string, resource: string, context: Readonly<Record<string, string | readonly string[]>>): string {
  const names = Object.keys(context);
  if (names.length > 1) names.sort();
  const entries: unknown[] = [action, resource];
  for (const name of names) entries.push(name, context[name]);
  return JSON.stringify(entries);
}
