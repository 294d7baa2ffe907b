import { readJwtAuthorizers, readRouteAuthorization, type RouteAuthorization } from '../auth/jwt-authorizer-definition';
import { API_GATEWAY_TIMEOUT_MS } from '../constants';
import { localAwsEnvironment } from '../terraform/local-aws-environment';
import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { checkAttributes, type AttributePolicy, type InertAttribute } from '../terraform/attribute-policy';
import { apiGatewayV2ApiArn, executeApiArn, isRecord, type TerraformBlock, type TerraformDocument } from '@shop/shared-util-terraform-json';
import type { ReferenceResolver } from '../terraform/reference-resolver';
import { assertPlainResource, blockList, requiredString } from '../terraform/resource-checks';
import type { CorsConfiguration } from './cors';

/** One route of an HTTP API: its key and the function its integration invokes. */
export interface ApiRoute {
  readonly address: string;
  /** `GET /products/{productId}`, `ANY /{proxy+}` or `$default` */
  readonly routeKey: string;
  /** The integration's `integration_uri`, resolved (a function's invoke ARN or ARN). */
  readonly integrationUri: string;
  readonly timeoutMs: number;
  /** `authorization_type`, the JWT authorizer and the route's `authorization_scopes`. */
  readonly authorization: RouteAuthorization;
}

/** An `aws_apigatewayv2_api` (HTTP) with its stages and routes. */
export interface HttpApiDefinition {
  readonly address: string;
  readonly apiId: string;
  readonly name: string;
  /** Stage names; `$default` is served at the root, others under `/<name>`. */
  readonly stages: ReadonlyArray<{ readonly name: string; readonly variables: Readonly<Record<string, string>> }>;
  readonly routes: readonly ApiRoute[];
  readonly cors: CorsConfiguration | undefined;
  readonly inert: readonly InertAttribute[];
}

const API_POLICY: AttributePolicy = {
  applied: ['name', 'protocol_type', 'cors_configuration'],
  inert: {
    description: 'documentation only',
    disable_execute_api_endpoint: 'the local API is served on localhost',
    route_selection_expression: 'HTTP APIs route by method and path',
    api_key_selection_expression: 'API keys are not used by HTTP APIs',
    version: 'documentation only',
    ip_address_type: 'the local API is served on localhost',
    fail_on_warnings: 'applies to OpenAPI imports',
  },
  unsupported: { body: 'OpenAPI imports are not read; declare routes', route_key: 'quick-create APIs are not read', target: 'quick-create APIs are not read', credentials_arn: 'quick-create APIs are not read' },
};
const ROUTE_POLICY: AttributePolicy = {
  applied: ['api_id', 'route_key', 'target', 'authorization_type', 'authorizer_id', 'authorization_scopes', 'api_key_required'],
  inert: { operation_name: 'documentation only', request_parameter: 'applies to WebSocket APIs', model_selection_expression: 'applies to WebSocket APIs', request_models: 'applies to WebSocket APIs', route_response_selection_expression: 'applies to WebSocket APIs' },
};
const INTEGRATION_POLICY: AttributePolicy = {
  applied: ['api_id', 'integration_type', 'integration_uri', 'payload_format_version', 'timeout_milliseconds', 'integration_method', 'connection_type'],
  inert: { description: 'documentation only', credentials_arn: 'IAM is not enforced locally', tls_config: 'applies to private integrations' },
  unsupported: {
    request_parameters: 'parameter mapping is not emulated',
    response_parameters: 'parameter mapping is not emulated',
    integration_subtype: 'AWS service integrations are not emulated',
    request_templates: 'applies to WebSocket APIs',
    template_selection_expression: 'applies to WebSocket APIs',
    passthrough_behavior: 'applies to WebSocket APIs',
    content_handling_strategy: 'applies to WebSocket APIs',
    connection_id: 'private integrations are not emulated',
  },
};
const STAGE_POLICY: AttributePolicy = {
  applied: ['api_id', 'name', 'stage_variables'],
  inert: {
    auto_deploy: 'routes are served as declared',
    deployment_id: 'routes are served as declared',
    description: 'documentation only',
    access_log_settings: 'requests are logged to the console',
    default_route_settings: 'throttling and detailed metrics are not emulated',
    route_settings: 'throttling and detailed metrics are not emulated',
    client_certificate_id: 'applies to REST APIs',
  },
};

/**
 * Registers the attributes of every HTTP API (id, api_endpoint, execution_arn), integration,
 * route and stage, so that functions and routes may refer to them. `baseUrl` is where the stack
 * serves the APIs.
 */
export function registerHttpApiAttributes(synth: TerraformDocument, resolver: ReferenceResolver, region: string, baseUrl: string): void {
  for (const api of synth.resources('aws_apigatewayv2_api')) {
    const apiId = api.name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10) || 'localapi';
    resolver.register(api.address, { id: apiId, api_endpoint: baseUrl, execution_arn: executeApiArn(localAwsEnvironment(region), apiId), arn: apiGatewayV2ApiArn(localAwsEnvironment(region), apiId) });
  }
  for (const type of ['aws_apigatewayv2_integration', 'aws_apigatewayv2_route', 'aws_apigatewayv2_stage', 'aws_apigatewayv2_authorizer']) {
    for (const resource of synth.resources(type)) resolver.register(resource.address, { id: resource.name });
  }
}

/** Reads every HTTP API of the synth (after {@link registerHttpApiAttributes}), routes resolved to their integrations. */
export function readHttpApis(synth: TerraformDocument, resolver: ReferenceResolver): HttpApiDefinition[] {
  const apis = synth.resources('aws_apigatewayv2_api');
  const integrations = synth.resources('aws_apigatewayv2_integration');
  return apis.map((api) => {
    assertPlainResource(api);
    const inert = checkAttributes(api, API_POLICY);
    const protocol = requiredString(api, 'protocol_type');
    if (protocol !== 'HTTP') throw new UnsupportedAttributeError(api.address, 'protocol_type', `only HTTP APIs are emulated, not ${protocol}`);
    const apiId = resolver.attributesOf(api.address)?.['id'] as string;
    const belongs = (resource: TerraformBlock): boolean => resolver.resolveString(requiredString(resource, 'api_id'), `${resource.address}.api_id`) === apiId;

    const stages = synth.resources('aws_apigatewayv2_stage').filter(belongs).map((stage) => {
      assertPlainResource(stage);
      inert.push(...checkAttributes(stage, STAGE_POLICY));
      const variables = stage.config['stage_variables'] ?? {};
      if (!isRecord(variables)) throw new InvalidResourceError(stage.address, 'stage_variables must be a map');
      return { name: requiredString(stage, 'name'), variables: resolver.resolveDeep(variables as Record<string, string>, stage.address) };
    });
    if (stages.length === 0) throw new InvalidResourceError(api.address, 'has no aws_apigatewayv2_stage, so AWS would not serve it');

    const integrationTargets = new Map(
      integrations.filter(belongs).map((integration) => {
        assertPlainResource(integration);
        inert.push(...checkAttributes(integration, INTEGRATION_POLICY));
        return [integration.name, readIntegration(integration, resolver)] as const;
      }),
    );
    const authorizers = readJwtAuthorizers(synth, resolver, belongs);
    for (const authorizer of authorizers.values()) inert.push(...authorizer.inert);
    const routes = synth.resources('aws_apigatewayv2_route').filter(belongs).map((route): ApiRoute => {
      assertPlainResource(route);
      inert.push(...checkAttributes(route, ROUTE_POLICY));
      const authorization = readRouteAuthorization(route, resolver, authorizers);
      if (route.config['api_key_required'] === true) throw new UnsupportedAttributeError(route.address, 'api_key_required', 'HTTP APIs have no API keys');
      const target = resolver.resolveString(requiredString(route, 'target'), `${route.address}.target`);
      const integrationId = /^integrations\/(.+)$/.exec(target)?.[1];
      const integration = integrationId ? integrationTargets.get(integrationId) : undefined;
      if (!integration) throw new InvalidResourceError(route.address, `target ${target} is not an integration of ${api.address}`);
      return { address: route.address, routeKey: requiredString(route, 'route_key'), ...integration, authorization };
    });
    return { address: api.address, apiId, name: requiredString(api, 'name'), stages, routes, cors: readCors(api), inert };
  });
}

function readIntegration(integration: TerraformBlock, resolver: ReferenceResolver): { integrationUri: string; timeoutMs: number } {
  const type = requiredString(integration, 'integration_type');
  if (type !== 'AWS_PROXY') throw new UnsupportedAttributeError(integration.address, 'integration_type', `only Lambda proxy integrations are emulated, not ${type}`);
  const payloadVersion = integration.config['payload_format_version'] ?? '1.0';
  if (payloadVersion !== '2.0') {
    throw new UnsupportedAttributeError(integration.address, 'payload_format_version', `${String(payloadVersion)} is not emulated (only 2.0; AWS defaults to 1.0 when it is omitted)`);
  }
  const connection = integration.config['connection_type'] ?? 'INTERNET';
  if (connection !== 'INTERNET') throw new UnsupportedAttributeError(integration.address, 'connection_type', 'private integrations are not emulated');
  const timeoutMs = integration.config['timeout_milliseconds'] ?? API_GATEWAY_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || timeoutMs < 50 || timeoutMs > API_GATEWAY_TIMEOUT_MS) {
    throw new InvalidResourceError(integration.address, 'timeout_milliseconds must be from 50 to 30000');
  }
  return { integrationUri: resolver.resolveString(requiredString(integration, 'integration_uri'), `${integration.address}.integration_uri`), timeoutMs };
}

function readCors(api: TerraformBlock): CorsConfiguration | undefined {
  const [block] = blockList(api, 'cors_configuration');
  if (!block) return undefined;
  const list = (key: string): string[] => (Array.isArray(block[key]) ? (block[key] as unknown[]).map(String) : []);
  return {
    allowOrigins: list('allow_origins'),
    allowMethods: list('allow_methods'),
    allowHeaders: list('allow_headers'),
    exposeHeaders: list('expose_headers'),
    maxAge: typeof block['max_age'] === 'number' ? block['max_age'] : undefined,
    allowCredentials: block['allow_credentials'] === true,
  };
}
