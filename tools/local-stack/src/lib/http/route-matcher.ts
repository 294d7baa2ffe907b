import { InvalidResourceError } from '../errors';
import type { ApiRoute } from './api-definition';

/** A route that matched a request, with its decoded path parameters. */
export interface RouteMatch {
  readonly route: ApiRoute;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
}

interface CompiledRoute {
  readonly route: ApiRoute;
  readonly method: string;
  /** Path segments: a literal, `{name}` or a trailing `{name+}`. */
  readonly segments: ReadonlyArray<{ readonly literal?: string; readonly parameter?: string; readonly greedy?: boolean }>;
  readonly isDefault: boolean;
}

const METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * API Gateway HTTP API routing: a request goes to the most specific matching route — literal
 * segments beat path variables, path variables beat a greedy `{proxy+}`, a route's own method
 * beats `ANY` — and to `$default` when nothing else matches. Path parameters are URL-decoded.
 *
 * @example
 * const router = new RouteMatcher(routes);
 * router.match('GET', '/products/p%231234'); // { route: GET /products/{productId}, pathParameters: { productId: 'p#1234' } }
 */
export class RouteMatcher {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly ApiRoute[]) {
    this.routes = routes.map(compile);
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const requestSegments = rawPath.split('/').slice(1);
    const candidates: Array<{ compiled: CompiledRoute; parameters: Record<string, string>; rank: number[] }> = [];
    for (const compiled of this.routes) {
      if (compiled.isDefault || (compiled.method !== 'ANY' && compiled.method !== method)) continue;
      const parameters = matchSegments(compiled, requestSegments);
      if (!parameters) continue;
      const literals = compiled.segments.filter((s) => s.literal !== undefined).length;
      const greedy = compiled.segments.some((s) => s.greedy) ? 1 : 0;
      candidates.push({ compiled, parameters, rank: [greedy, -literals, compiled.method === 'ANY' ? 1 : 0] });
    }
    candidates.sort((a, b) => compareRanks(a.rank, b.rank));
    const best = candidates[0];
    if (best) return { route: best.compiled.route, pathParameters: Object.keys(best.parameters).length > 0 ? best.parameters : undefined };
    const fallback = this.routes.find((r) => r.isDefault);
    return fallback ? { route: fallback.route, pathParameters: undefined } : undefined;
  }
}

function compile(route: ApiRoute): CompiledRoute {
  if (route.routeKey === '$default') return { route, method: 'ANY', segments: [], isDefault: true };
  const match = /^([A-Z]+) (\/\S*)$/.exec(route.routeKey);
  if (!match || !METHODS.includes(match[1] as string)) throw new InvalidResourceError(route.address, `route_key "${route.routeKey}" is not "METHOD /path" or $default`);
  const parts = (match[2] as string).split('/').slice(1);
  const segments = parts.map((part, index) => {
    const variable = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!variable) return { literal: part };
    const greedy = variable[2] === '+';
    if (greedy && index !== parts.length - 1) throw new InvalidResourceError(route.address, 'a greedy path variable must be the last segment');
    return { parameter: variable[1] as string, greedy };
  });
  return { route, method: match[1] as string, segments, isDefault: false };
}

function matchSegments(compiled: CompiledRoute, request: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let i = 0; i < compiled.segments.length; i++) {
    const segment = compiled.segments[i] as CompiledRoute['segments'][number];
    if (segment.greedy) {
      const rest = request.slice(i);
      if (rest.length === 0 || rest.every((part) => part === '')) return undefined;
      parameters[segment.parameter as string] = rest.map(decode).join('/');
      return parameters;
    }
    const part = request[i];
    if (part === undefined) return undefined;
    if (segment.literal !== undefined) {
      if (decode(part) !== segment.literal) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.parameter as string] = decode(part);
    }
  }
  return request.length === compiled.segments.length ? parameters : undefined;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a malformed escape stays as sent
  }
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] as number) - (b[i] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}
