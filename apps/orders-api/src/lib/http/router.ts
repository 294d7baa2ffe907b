import { ErrorCode, routeKey, type RouteDefinition } from '@shop/orders-api-contract';
import { HttpError } from './http-error';

type Segment = { readonly literal: string } | { readonly parameter: string };

/** A route and what serves it. */
export interface RouteEntry<T> {
  readonly route: RouteDefinition;
  readonly target: T;
}

/** A matched route with its path parameters, still percent-encoded. */
export interface RouteMatch<T> {
  readonly entry: RouteEntry<T>;
  readonly rawParameters: Readonly<Record<string, string>>;
}

interface CompiledRoute<T> {
  readonly entry: RouteEntry<T>;
  readonly segments: readonly Segment[];
  readonly literals: number;
}

function compile(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
      return parameter ? { parameter } : { literal: segment };
    });
}

function decodedOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Matches a method and a percent-encoded path against API Gateway style route templates
 * (`/products/{productId}`). A parameter matches one non-empty segment, so an id containing an
 * encoded slash (`%2F`) stays one parameter. Literal segments win over parameters.
 */
export class Router<T> {
  private readonly routes: readonly CompiledRoute<T>[];

  constructor(entries: readonly RouteEntry<T>[]) {
    this.routes = entries.map((entry) => {
      const segments = compile(entry.route.path);
      return { entry, segments, literals: segments.filter((s) => 'literal' in s).length };
    });
  }

  /** The route keys served, `METHOD /path/{param}`, in declaration order. */
  routeKeys(): string[] {
    return this.routes.map(({ entry }) => routeKey(entry.route));
  }

  /** The matching route; throws 404 ROUTE_NOT_FOUND, or 405 METHOD_NOT_ALLOWED with an Allow header. */
  match(method: string, rawPath: string): RouteMatch<T> {
    const pathSegments = rawPath.split('/').slice(1);
    const candidates = this.routes
      .map((route) => ({ route, rawParameters: this.parametersOf(route, pathSegments) }))
      .filter((c): c is { route: CompiledRoute<T>; rawParameters: Record<string, string> } => c.rawParameters !== undefined);
    if (candidates.length === 0) {
      throw new HttpError(ErrorCode.RouteNotFound, `No route matches ${method} ${rawPath}`);
    }
    const best = candidates
      .filter((c) => c.route.entry.route.method === method)
      .sort((a, b) => b.route.literals - a.route.literals)[0];
    if (!best) {
      const allowed = [...new Set(candidates.map((c) => c.route.entry.route.method))].sort();
      throw new HttpError(ErrorCode.MethodNotAllowed, `${method} is not allowed here; use ${allowed.join(' or ')}`, {
        headers: { allow: allowed.join(', ') },
      });
    }
    return { entry: best.route.entry, rawParameters: best.rawParameters };
  }

  private parametersOf(route: CompiledRoute<T>, pathSegments: readonly string[]): Record<string, string> | undefined {
    if (route.segments.length !== pathSegments.length) return undefined;
    const parameters: Record<string, string> = {};
    for (const [index, segment] of route.segments.entries()) {
      const actual = pathSegments[index] ?? '';
      if ('parameter' in segment) {
        if (actual === '') return undefined;
        parameters[segment.parameter] = actual;
      } else if (decodedOrUndefined(actual) !== segment.literal) {
        return undefined;
      }
    }
    return parameters;
  }
}
