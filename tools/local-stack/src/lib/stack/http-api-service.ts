import { dynamoDbTableArn, TerraformDocument } from '@shop/shared-util-terraform-json';
import type { JwtAuthorizerDefinition } from '../auth/jwt-authorizer-definition';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import { registerIdentityProviderAttributes } from '../auth/identity-provider-attributes';
import { InvalidResourceError } from '../errors';
import { readHttpApis, registerHttpApiAttributes, type ApiRoute, type HttpApiDefinition } from '../http/api-definition';
import { readFunctionDefinitions, type FunctionDefinition } from '../lambda/function-definition';
import { registerTableAttributes } from '../provisioning/provision-tables';
import { readTableDefinitions } from '../provisioning/table-definition';
import { registerDataSources } from '../terraform/data-sources';
import { ReferenceResolver } from '../terraform/reference-resolver';

/** A route of the API with the function its integration invokes. */
export interface HttpApiServiceRoute extends ApiRoute {
  readonly functionName: string;
}

/** The first HTTP API of a synth as the stack serves it, without starting anything. */
export interface HttpApiService {
  readonly region: string;
  readonly api: HttpApiDefinition;
  readonly routes: readonly HttpApiServiceRoute[];
  /** The functions the routes invoke, environments resolved as the stack resolves them. */
  readonly functions: readonly FunctionDefinition[];
  /** The JWT authorizers the routes use (synthesized issuer and audience, resolved). */
  readonly authorizers: readonly JwtAuthorizerDefinition[];
}

/**
 * Reads the synth's HTTP API, its routes, their JWT authorizers and the functions they invoke,
 * with every `${…}` resolved the way `startLocalStack` resolves it (tables by their synthesized
 * names, Cognito ids by their local ids), so another tool can serve the same API from the same
 * definitions (the benchmarks' serverless-offline peer). References that need a running stack
 * (stream labels, queues) are errors where used, as they are unknown here.
 *
 * @example
 * const service = readHttpApiService('infra/cdktf.out/stacks/shop-dev/cdk.tf.json');
 * service.routes.map((route) => `${route.routeKey} → ${route.functionName}`);
 */
export function readHttpApiService(synthPath: string, baseUrl = 'http://127.0.0.1:3000'): HttpApiService {
  const synth = TerraformDocument.load(synthPath);
  const region = synth.region();
  const resolver = new ReferenceResolver();
  registerDataSources(synth, resolver, region);
  registerTableAttributes(
    resolver,
    readTableDefinitions(synth).map((table) => ({ address: table.address, tableName: table.tableName, tableArn: dynamoDbTableArn(localAwsEnvironment(region), table.tableName), created: false })),
  );
  registerHttpApiAttributes(synth, resolver, region, baseUrl);
  registerIdentityProviderAttributes(synth, resolver, region);
  const definitions = readFunctionDefinitions(synth, resolver, region);
  const [api] = readHttpApis(synth, resolver);
  if (!api) throw new InvalidResourceError(synthPath, 'the synth has no aws_apigatewayv2_api');
  const nameOf = new Map<string, string>();
  for (const definition of definitions) {
    for (const value of Object.values(resolver.attributesOf(definition.address) ?? {})) nameOf.set(value, definition.functionName);
  }
  const routes = api.routes.map((route): HttpApiServiceRoute => {
    const functionName = nameOf.get(route.integrationUri);
    if (!functionName) throw new InvalidResourceError(route.address, `integration_uri ${route.integrationUri} is not a function of the synth`);
    return { ...route, functionName };
  });
  const used = new Set(routes.map((route) => route.functionName));
  const authorizers = new Map<string, JwtAuthorizerDefinition>();
  for (const route of routes) if (route.authorization.type === 'JWT') authorizers.set(route.authorization.authorizer.address, route.authorization.authorizer);
  return { region, api, routes, functions: definitions.filter((definition) => used.has(definition.functionName)), authorizers: [...authorizers.values()] };
}
