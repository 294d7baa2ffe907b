import path from 'node:path';
import type { HttpApiService } from '@shop/tools-local-stack';
import { BenchError } from './errors';

/** Where serverless-offline listens and where it finds each function's built bundle. */
export interface PeerServiceOptions {
  /** The folder serverless.yml is written to (its servicePath: handlers are relative to it). */
  readonly serviceDirectory: string;
  /** The built bundle (`dist/apps/<app>`) of each function the routes invoke, by function name. */
  readonly bundleDirectories: Readonly<Record<string, string>>;
  readonly host: string;
  readonly httpPort: number;
  readonly lambdaPort: number;
}

/** The subset of serverless.yml (Serverless Framework 3) the peer is run from. */
export interface PeerService {
  readonly service: string;
  readonly frameworkVersion: '3';
  readonly provider: {
    readonly name: 'aws';
    readonly runtime: string;
    readonly region: string;
    readonly stage: string;
    readonly httpApi?: { readonly authorizers: Record<string, { readonly type: 'jwt'; readonly identitySource: string; readonly issuerUrl: string; readonly audience: readonly string[] }> };
  };
  readonly functions: Record<string, { readonly handler: string; readonly timeout: number; readonly memorySize: number; readonly environment: Readonly<Record<string, string>>; readonly events: ReadonlyArray<{ readonly httpApi: PeerRouteEvent }> }>;
  readonly plugins: readonly ['serverless-offline'];
  readonly custom: { readonly 'serverless-offline': { readonly host: string; readonly httpPort: number; readonly lambdaPort: number } };
}

interface PeerRouteEvent {
  readonly method: string;
  readonly path: string;
  readonly authorizer?: { readonly name: string; readonly scopes: readonly string[] };
}

/** serverless.yml's function keys: letters, digits, `-` and `_`. */
const functionKey = (functionName: string): string => functionName.replace(/[^A-Za-z0-9_-]/g, '_');

/** API Gateway's identity source, written back as serverless-offline reads it (`$request.header.<name>`). */
function identitySource(authorizer: HttpApiService['authorizers'][number]): string {
  if (authorizer.identitySource.in !== 'header') throw new BenchError(`${authorizer.address}: serverless-offline reads JWTs from a header only, not the query string`);
  return `$request.header.${authorizer.identitySource.name}`;
}

/**
 * serverless.yml for serverless-offline serving the synth's HTTP API: one function per function
 * the routes invoke (its handler inside the built bundle, its synthesized timeout, memory and
 * resolved environment), one `httpApi` event per route (`ANY` and `$default` as serverless writes
 * them), and each JWT authorizer with the synth's issuer and audience. Nothing is restated by hand.
 *
 * @example
 * const yml = serverlessService(readHttpApiService(synthPath), { serviceDirectory, bundleDirectories: { 'shop-dev-orders-api': 'dist/apps/orders-api' }, host: '127.0.0.1', httpPort: 4010, lambdaPort: 4011 });
 */
export function serverlessService(service: HttpApiService, options: PeerServiceOptions): PeerService {
  const authorizerNames = new Map(service.authorizers.map((authorizer) => [authorizer.address, functionKey(authorizer.name)]));
  const functions: Record<string, PeerService['functions'][string] & { events: Array<{ httpApi: PeerRouteEvent }> }> = {};
  for (const definition of service.functions) {
    const bundle = options.bundleDirectories[definition.functionName];
    if (!bundle) throw new BenchError(`no built bundle given for ${definition.functionName}`);
    const relative = path.relative(options.serviceDirectory, bundle).split(path.sep).join('/');
    functions[functionKey(definition.functionName)] = {
      handler: `${relative}/${definition.handler}`,
      timeout: definition.timeoutSeconds,
      memorySize: definition.memorySizeMb,
      environment: definition.environment,
      events: [],
    };
  }
  for (const route of service.routes) {
    const target = functions[functionKey(route.functionName)];
    if (!target) throw new BenchError(`${route.address}: ${route.functionName} is not among the functions`);
    const [method, routePath] = route.routeKey === '$default' ? ['*', '*'] : route.routeKey.split(' ');
    if (!method || !routePath) throw new BenchError(`${route.address}: route key ${route.routeKey} is not "METHOD /path"`);
    const authorization = route.authorization;
    target.events.push({
      httpApi: {
        method: method === 'ANY' ? '*' : method,
        path: routePath,
        ...(authorization.type === 'JWT' && { authorizer: { name: authorizerNames.get(authorization.authorizer.address) as string, scopes: authorization.scopes } }),
      },
    });
  }
  const [runtime] = [...new Set(service.functions.map((definition) => definition.runtime))];
  return {
    service: 'shop-bench-peer',
    frameworkVersion: '3',
    provider: {
      name: 'aws',
      runtime: runtime ?? 'nodejs20.x',
      region: service.region,
      stage: 'local',
      ...(service.authorizers.length > 0 && {
        httpApi: {
          authorizers: Object.fromEntries(
            service.authorizers.map((authorizer) => [authorizerNames.get(authorizer.address) as string, { type: 'jwt' as const, identitySource: identitySource(authorizer), issuerUrl: authorizer.synthesizedIssuer, audience: authorizer.audience }]),
          ),
        },
      }),
    },
    functions,
    plugins: ['serverless-offline'],
    custom: { 'serverless-offline': { host: options.host, httpPort: options.httpPort, lambdaPort: options.lambdaPort } },
  };
}

/**
 * The service as the text of serverless.yml. JSON is YAML (1.2), so the file needs no YAML
 * writer; a header says where it comes from.
 */
export function serverlessYml(service: PeerService, synthPath: string): string {
  return `# Generated by tools/bench (P1) from ${synthPath}; do not edit.\n${JSON.stringify(service, null, 2)}\n`;
}
