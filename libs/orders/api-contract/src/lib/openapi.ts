import * as z from 'zod';
import { ERROR_STATUS, ErrorCode, RETRY_AFTER_SECONDS } from './error-codes';
import { OPERATIONS, type OperationContract } from './operations';
import { ROUTES } from './routes';
import { NAMED_SCHEMAS } from './schemas';

/** A JSON Schema object as it appears in the document. */
export type JsonSchema = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document this generator writes (enough to type-check consumers). */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers?: ReadonlyArray<{ readonly url: string }>;
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly parameters: ReadonlyArray<Record<string, unknown>>;
  readonly requestBody?: Record<string, unknown>;
  readonly responses: Record<string, Record<string, unknown>>;
}

export interface OpenApiOptions {
  /** Adds a `servers` entry, e.g. the local stack's URL. */
  readonly serverUrl?: string;
}

const JSON_MEDIA_TYPE = 'application/json';

/** Codes any operation may answer, and those only an operation with a body may answer. */
const COMMON_ERRORS = [ErrorCode.ValidationFailed, ErrorCode.InternalError, ErrorCode.ServiceUnavailable] as const;
const BODY_ERRORS = [ErrorCode.MalformedJson, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType] as const;

/** `z.toJSONSchema` output without the keys that only make sense in a standalone document. */
function embeddable(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/**
 * The OpenAPI 3.1 document of the orders API, generated from {@link ROUTES} and the same zod
 * schemas the router validates requests with ({@link OPERATIONS}). Deterministic: the same
 * contract gives byte-identical JSON. Named schemas go under `components.schemas`.
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
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      parameters: parametersOf(contract, schemaOf),
      ...(contract.request.body && {
        requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: { schema: schemaOf(contract.request.body) } } },
      }),
      responses: responsesOf(contract, schemaOf),
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Shop orders API',
      version: '1.0.0',
      description:
        'Products, orders and replenishments. Placing an order decrements stock and writes the order in one DynamoDB ' +
        'transaction; an Idempotency-Key makes a retried order safe at any later time.',
    },
    ...(options.serverUrl !== undefined && { servers: [{ url: options.serverUrl }] }),
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, embeddable(schema as JsonSchema)])) },
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

function responsesOf(contract: OperationContract, schemaOf: (schema: z.ZodType) => JsonSchema): Record<string, Record<string, unknown>> {
  const json = (schema: z.ZodType): Record<string, unknown> => ({ [JSON_MEDIA_TYPE]: { schema: schemaOf(schema) } });
  const codes = [...contract.errors, ...COMMON_ERRORS, ...(contract.request.body ? BODY_ERRORS : [])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);

  const responses: Record<string, Record<string, unknown>> = {
    [contract.success.status]: {
      description: contract.success.description,
      content: json(contract.success.schema),
      ...(contract.success.status === 201 && {
        headers: { Location: { description: 'URL of the new resource', schema: { type: 'string' } } },
      }),
    },
  };
  if (contract.request.headers && 'Idempotency-Key' in contract.request.headers) {
    responses['200'] = {
      description: 'A replay: the same Idempotency-Key with the same body. The first order, stock decremented once.',
      headers: { 'Idempotent-Replayed': { schema: { type: 'string', const: 'true' } } },
      content: json(contract.success.schema),
    };
  }
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Error codes: ${statusCodes.join(', ')}`,
      ...(status === 503 && {
        headers: { 'Retry-After': { description: `Seconds to wait (${RETRY_AFTER_SECONDS})`, schema: { type: 'integer' } } },
      }),
      content: json(NAMED_SCHEMAS.Error),
    };
  }
  return responses;
}
