import * as z from 'zod';
import { OPERATION_EXAMPLES } from './examples';
import { JSON_MEDIA_TYPE, responsesOf, type JsonSchema } from './openapi-responses';
import { OPERATIONS, type OperationContract } from './operations';
import { ROUTES, type RouteDefinition } from './routes';
import { NAMED_SCHEMAS } from './schemas';
import { SCOPE_DESCRIPTIONS, scopeName } from './scopes';

export type { JsonSchema } from './openapi-responses';

/** The name of the document's security scheme: a bearer JWT, scopes per operation. */
export const SECURITY_SCHEME = 'bearerAuth';

/** The document's tags: the first part of each operation's scope name. */
const TAGS = {
  catalog: 'Products: stock and replenishment policy.',
  orders: "Customers' orders: placing one decrements stock in the same transaction.",
  replenishments: "Replenishment orders the stream consumer writes when a product's inventory position (stock + on order) is below its reorder threshold, and their receipt or cancellation.",
} as const;
type Tag = keyof typeof TAGS;

/** The tag of a route, from its scope (`shop/catalog.read` → `catalog`). */
const tagOf = (route: RouteDefinition): Tag => scopeName(route.scope).split('.')[0] as Tag;

/** The parts of an OpenAPI 3.1 document this generator writes (enough to type-check consumers). */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string; readonly license: { readonly name: string; readonly identifier: string } };
  readonly servers: ReadonlyArray<{ readonly url: string; readonly description?: string; readonly variables?: Record<string, unknown> }>;
  readonly tags: ReadonlyArray<{ readonly name: string; readonly description: string }>;
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly schemas: Record<string, JsonSchema>; readonly securitySchemes: Record<string, Record<string, unknown>> };
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** The operation's scope, under {@link SECURITY_SCHEME}. */
  readonly security: ReadonlyArray<Record<string, readonly string[]>>;
  readonly parameters: ReadonlyArray<Record<string, unknown>>;
  readonly requestBody?: Record<string, unknown>;
  readonly responses: Record<string, Record<string, unknown>>;
}

export interface OpenApiOptions {
  /** The one `servers` entry, e.g. the local stack's URL; by default a `{apiUrl}` variable. */
  readonly serverUrl?: string;
}

/** `z.toJSONSchema` output without the keys that only make sense in a standalone document. */
function embeddable(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

const DESCRIPTION = [
  'Products, orders and replenishments. Placing an order decrements stock and writes the order in one DynamoDB transaction; ' +
    'an Idempotency-Key makes a retried order safe at any later time.',
  '**Authorization.** Every operation needs an OAuth 2.0 access token (a JWT) in `Authorization: Bearer <token>` with the ' +
    "operation's scope (in the token's `scope` claim, space-separated, or `scp`). API Gateway's JWT authorizer checks it and " +
    'answers 401 `{"message":"Unauthorized"}` or 403 `{"message":"Forbidden"}`; the function checks the scope again. Orders ' +
    "belong to the token's `sub`: another caller's order is 404, and Idempotency-Keys are per caller.",
  "**Two error shapes.** The function answers errors as `Error` (`{\"error\":{\"code\",\"message\"}}`); API Gateway's own " +
    'answers are `GatewayError` (`{"message"}`), among them 404 `{"message":"Not Found"}` for a request that matches no route.',
  '**Bodies.** Operations without a request body ignore one.',
].join('\n\n');

/**
 * The OpenAPI 3.1 document of the orders API, generated from {@link ROUTES} (paths, scopes, tags)
 * and the same zod schemas the router validates requests with ({@link OPERATIONS}). Deterministic:
 * the same contract gives byte-identical JSON. Named schemas go under `components.schemas`. A
 * response validator can check every answer of the API against it.
 *
 * @example
 * const document = createOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' });
 * response.end(JSON.stringify(document));
 */
export function createOpenApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  // Built per call, not at module load: the Lambda bundle imports this lib and must not pay for it.
  const registry = z.registry<{ id: string }>();
  const nameOf = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(NAMED_SCHEMAS)) {
    registry.add(schema, { id: name });
    nameOf.set(schema, name);
  }
  const uri = (id: string): string => `#/components/schemas/${id}`;
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri, unrepresentable: 'throw' });
  const schemaOf = (schema: z.ZodType): JsonSchema => {
    const name = nameOf.get(schema);
    return name ? { $ref: uri(name) } : embeddable(z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as JsonSchema);
  };

  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const route of ROUTES) {
    const contract: OperationContract = OPERATIONS[route.operationId];
    const example: { request?: unknown; success: unknown } = OPERATION_EXAMPLES[route.operationId];
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      description: `${contract.description}\n\nRequires the scope \`${route.scope}\`.`,
      tags: [tagOf(route)],
      security: [{ [SECURITY_SCHEME]: [route.scope] }],
      parameters: parametersOf(contract, schemaOf),
      ...(contract.request.body && {
        requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: { schema: schemaOf(contract.request.body), example: example.request } } },
      }),
      responses: responsesOf(route, contract, schemaOf, example.success),
    };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Shop orders API', version: '1.0.0', description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    servers:
      options.serverUrl !== undefined
        ? [{ url: options.serverUrl }]
        : [{ url: '{apiUrl}', description: 'A stage of the API', variables: { apiUrl: { default: 'http://127.0.0.1:3000', description: "The stage's api_url output, or the local stack's URL" } } }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, embeddable(schema as JsonSchema)])),
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `An OAuth 2.0 access token of the stage's issuer. Scopes: ${Object.entries(SCOPE_DESCRIPTIONS)
            .map(([scope, what]) => `\`${scope}\` (${what})`)
            .join(', ')}.`,
        },
      },
    },
  };
}

function parametersOf(contract: OperationContract, schemaOf: (schema: z.ZodType) => JsonSchema): Array<Record<string, unknown>> {
  const path = Object.entries(contract.request.path ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    description: 'Percent-encoded in the URL (`p#1234` is `p%231234`).',
    schema: schemaOf(schema),
  }));
  const optionalParameter = (location: 'query' | 'header') => ([name, schema]: [string, z.ZodType]) => {
    // A description belongs to the parameter in OpenAPI, not to its schema.
    const { description, ...parameterSchema } = schemaOf(schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema);
    return {
      name,
      in: location,
      required: !schema.safeParse(undefined).success,
      ...(description !== undefined && { description }),
      schema: parameterSchema,
    };
  };
  const query = Object.entries(contract.request.query ?? {}).map(optionalParameter('query'));
  const headers = Object.entries(contract.request.headers ?? {}).map(optionalParameter('header'));
  return [...path, ...query, ...headers];
}
