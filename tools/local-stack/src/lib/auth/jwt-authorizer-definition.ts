import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { checkAttributes, type AttributePolicy, type InertAttribute } from '../terraform/attribute-policy';
import type { ReferenceResolver } from '../terraform/reference-resolver';
import type { TerraformBlock, TerraformDocument } from '@shop/shared-util-terraform-json';
import { assertPlainResource, blockList, requiredString } from '../terraform/resource-checks';

/** Where API Gateway looks for the token: `$request.header.Authorization` or `$request.querystring.token`. */
export interface IdentitySource {
  readonly in: 'header' | 'querystring';
  /** Lower-case for headers (HTTP header names are case-insensitive). */
  readonly name: string;
}

/** An `aws_apigatewayv2_authorizer` of type JWT, as the synth declares it. */
export interface JwtAuthorizerDefinition {
  readonly address: string;
  readonly name: string;
  readonly identitySource: IdentitySource;
  /** The synthesized issuer (Cognito, or the company's): replaced locally by the stack's own issuer. */
  readonly synthesizedIssuer: string;
  /** `jwt_configuration.audience`: a token's `aud` (or `client_id` without `aud`) must be one of them. */
  readonly audience: readonly string[];
  readonly inert: readonly InertAttribute[];
}

/** How one route is authorized: no authorizer, or a JWT authorizer with the scopes the route requires. */
export type RouteAuthorization = { readonly type: 'NONE' } | { readonly type: 'JWT'; readonly authorizer: JwtAuthorizerDefinition; readonly scopes: readonly string[] };

const AUTHORIZER_POLICY: AttributePolicy = {
  applied: ['api_id', 'authorizer_type', 'name', 'identity_sources', 'jwt_configuration'],
  inert: { authorizer_result_ttl_in_seconds: 'JWT authorizers do not cache results (only Lambda authorizers do)' },
  unsupported: {
    authorizer_uri: 'Lambda authorizers are not emulated',
    authorizer_credentials_arn: 'Lambda authorizers are not emulated',
    authorizer_payload_format_version: 'Lambda authorizers are not emulated',
    enable_simple_responses: 'Lambda authorizers are not emulated',
  },
};

/**
 * Reads the JWT authorizers of one API (those `belongs` accepts), keyed by the id routes refer to
 * them by (registered with the API's other attributes). Anything but a JWT authorizer reading one
 * header or query parameter is refused at start-up, never ignored.
 */
export function readJwtAuthorizers(synth: TerraformDocument, resolver: ReferenceResolver, belongs: (resource: TerraformBlock) => boolean): Map<string, JwtAuthorizerDefinition> {
  const result = new Map<string, JwtAuthorizerDefinition>();
  for (const resource of synth.resources('aws_apigatewayv2_authorizer').filter(belongs)) {
    assertPlainResource(resource);
    const inert = checkAttributes(resource, AUTHORIZER_POLICY);
    const type = requiredString(resource, 'authorizer_type');
    if (type !== 'JWT') throw new UnsupportedAttributeError(resource.address, 'authorizer_type', `only JWT authorizers are emulated, not ${type}`);
    const [jwt, ...more] = blockList(resource, 'jwt_configuration');
    if (!jwt || more.length > 0) throw new InvalidResourceError(resource.address, 'a JWT authorizer needs one jwt_configuration block');
    const issuer = resolver.resolveString(stringOf(resource, jwt['issuer'], 'jwt_configuration.issuer'), `${resource.address}.jwt_configuration.issuer`);
    const audience = listOf(resource, jwt['audience'], 'jwt_configuration.audience').map((value) => resolver.resolveString(value, `${resource.address}.jwt_configuration.audience`));
    if (audience.length === 0) throw new InvalidResourceError(resource.address, 'jwt_configuration.audience must name at least one audience');
    const [source, ...others] = listOf(resource, resource.config['identity_sources'], 'identity_sources');
    if (!source || others.length > 0) throw new InvalidResourceError(resource.address, 'a JWT authorizer takes exactly one identity source');
    const id = resolver.attributesOf(resource.address)?.['id'] ?? resource.name;
    result.set(id, { address: resource.address, name: requiredString(resource, 'name'), identitySource: parseIdentitySource(resource, source), synthesizedIssuer: issuer, audience, inert });
  }
  return result;
}

/**
 * A route's `authorization_type`, `authorizer_id` and `authorization_scopes`, checked the way API
 * Gateway checks them when the route is created: JWT needs an authorizer of the same API; scopes
 * only go with JWT.
 */
export function readRouteAuthorization(route: TerraformBlock, resolver: ReferenceResolver, authorizers: ReadonlyMap<string, JwtAuthorizerDefinition>): RouteAuthorization {
  const type = route.config['authorization_type'] ?? 'NONE';
  const scopes = route.config['authorization_scopes'] === undefined ? [] : listOf(route, route.config['authorization_scopes'], 'authorization_scopes');
  if (type === 'NONE') {
    if (route.config['authorizer_id'] !== undefined || scopes.length > 0) throw new InvalidResourceError(route.address, 'authorizer_id and authorization_scopes need authorization_type JWT');
    return { type: 'NONE' };
  }
  if (type !== 'JWT') throw new UnsupportedAttributeError(route.address, 'authorization_type', `${String(type)} authorization is not emulated (only JWT and NONE)`);
  const authorizerId = resolver.resolveString(requiredString(route, 'authorizer_id'), `${route.address}.authorizer_id`);
  const authorizer = authorizers.get(authorizerId);
  if (!authorizer) throw new InvalidResourceError(route.address, `authorizer_id ${authorizerId} is not a JWT authorizer of the synth`);
  return { type: 'JWT', authorizer, scopes: scopes.map((scope) => resolver.resolveString(scope, `${route.address}.authorization_scopes`)) };
}

function parseIdentitySource(resource: TerraformBlock, source: string): IdentitySource {
  const match = /^\$request\.(header|querystring)\.([A-Za-z0-9!#$%&'*+.^_`|~-]+)$/.exec(source);
  if (!match) throw new UnsupportedAttributeError(resource.address, 'identity_sources', `${source}: a JWT authorizer reads one header or query parameter ($request.header.Authorization)`);
  const location = match[1] as 'header' | 'querystring';
  return { in: location, name: location === 'header' ? (match[2] as string).toLowerCase() : (match[2] as string) };
}

function stringOf(resource: TerraformBlock, value: unknown, attribute: string): string {
  if (typeof value !== 'string' || value === '') throw new InvalidResourceError(resource.address, `"${attribute}" must be a non-empty string`);
  return value;
}

function listOf(resource: TerraformBlock, value: unknown, attribute: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) throw new InvalidResourceError(resource.address, `"${attribute}" must be a list of non-empty strings`);
  return value as string[];
}
