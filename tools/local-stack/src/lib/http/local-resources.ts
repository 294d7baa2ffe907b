import type { HttpResponse } from './proxy-response';

/** A resource the stack serves itself, built on each request (documents carry the live URL). */
export type LocalResource = () => HttpResponse;

/** A 200 `application/json` answer. */
export function jsonResponse(value: unknown): HttpResponse {
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value, null, 2)) };
}

/**
 * The lookup the HTTP server calls for a GET no route claims: exact paths first, then the first
 * prefix (longest first) whose handler answers.
 *
 * @example
 * const lookup = localResourceLookup({ '/openapi.json': () => jsonResponse(document) });
 * lookup('/openapi.json'); // 200 application/json
 */
export function localResourceLookup(
  exact: Readonly<Record<string, LocalResource>>,
  prefixes: Readonly<Record<string, (rest: string) => HttpResponse | undefined>> = {},
): (path: string) => HttpResponse | undefined {
  const ordered = Object.entries(prefixes).sort(([a], [b]) => b.length - a.length);
  return (path) => {
    const resource = Object.hasOwn(exact, path) ? exact[path] : undefined;
    if (resource) return resource();
    for (const [prefix, handler] of ordered) {
      if (path.startsWith(prefix)) return handler(path.slice(prefix.length));
    }
    return undefined;
  };
}
