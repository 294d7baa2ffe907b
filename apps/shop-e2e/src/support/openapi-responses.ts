import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** What the validator needs of an OpenAPI 3.1 document. */
interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components?: Readonly<Record<string, unknown>>;
}

interface OperationObject {
  readonly responses?: Readonly<Record<string, ResponseObject>>;
}

interface ResponseObject {
  readonly headers?: Readonly<Record<string, { readonly required?: boolean; readonly schema?: Record<string, unknown> }>>;
  readonly content?: Readonly<Record<string, { readonly schema?: Record<string, unknown> }>>;
}

/** One answer of the API as a test saw it. */
export interface ObservedExchange {
  readonly method: string;
  /** The path below the API URL, with its query, encoded as sent. */
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  readonly body: unknown;
}

/**
 * Headers HTTP itself, Node's server or API Gateway add to every answer: not part of an
 * operation's contract. Every other header an answer carries must be declared on its response.
 */
export const TRANSPORT_HEADERS: readonly string[] = ['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'apigw-requestid'];

/**
 * Answers of the local HTTP transport, not of the API: Node's HTTP parser refuses a request whose
 * headers exceed its limit with a bare `431` before the emulated gateway sees it. AWS documents
 * only the quota (request line and headers ≤ 10,240 bytes), not the answer, so the document
 * cannot describe it truthfully. Nothing else is exempt.
 */
export const TRANSPORT_STATUSES: readonly number[] = [431];

const DOCUMENT_ID = 'openapi.json';

/**
 * Checks answers against an OpenAPI 3.1 document the way a third-party validator would: the
 * operation is found by method and path template; its status must be documented (exact, `4XX`
 * range or `default`); the body must match the response's schema for its content type; every
 * header sent must be declared (except {@link TRANSPORT_HEADERS}) and match its schema; required
 * headers must be there. An answer to a path and method the document lacks is only allowed as
 * API Gateway's own `404 {"message":"Not Found"}`; Node's own 431 ({@link TRANSPORT_STATUSES}) is
 * not the API's answer.
 *
 * @example
 * const validator = new OpenApiResponseValidator(createOpenApiDocument({ serverUrl }));
 * validator.problems({ method: 'GET', path: '/orders/o-1', status: 200, headers, body }); // [] when documented
 */
export class OpenApiResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly templates: ReadonlyArray<{ readonly template: string; readonly pattern: RegExp }>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components ?? {} });
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.split('/').map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : escape(segment))).join('/')}$`),
    }));
  }

  /** What is undocumented about one answer; empty when the document describes it. */
  problems(exchange: ObservedExchange): string[] {
    if (TRANSPORT_STATUSES.includes(exchange.status)) return [];
    const path = exchange.path.split('?')[0] ?? '';
    const template = this.templates.find((t) => t.pattern.test(path))?.template;
    const operation = template ? this.document.paths[template]?.[exchange.method.toLowerCase()] : undefined;
    if (!template || !operation) {
      const gatewayNotFound = exchange.status === 404 && JSON.stringify(exchange.body) === '{"message":"Not Found"}';
      return gatewayNotFound ? [] : [`${exchange.method} ${path} is not an operation of the document, yet answered ${exchange.status}`];
    }
    const status = String(exchange.status);
    const responses = operation.responses ?? {};
    const key = [status, `${status[0]}XX`, 'default'].find((candidate) => responses[candidate] !== undefined);
    if (key === undefined) return [`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    const response = responses[key] as ResponseObject;
    const where = `${exchange.method.toLowerCase()} ${template} ${key}`;
    return [...this.bodyProblems(exchange, response, where), ...this.headerProblems(exchange, response, where)];
  }

  private bodyProblems(exchange: ObservedExchange, response: ResponseObject, where: string): string[] {
    const contentType = (exchange.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const empty = exchange.body === '' || exchange.body === undefined;
    if (!response.content) return empty ? [] : [`a body is sent but ${where} documents none`];
    const media = response.content[contentType];
    if (!media) return [`content type "${contentType}" is not documented (documented: ${Object.keys(response.content).join(', ')})`];
    if (!media.schema) return [];
    const validate = this.validator(`${where} ${contentType} body`, media.schema);
    return validate(exchange.body) ? [] : [`body does not match ${where}: ${this.ajv.errorsText(validate.errors)}`];
  }

  private headerProblems(exchange: ObservedExchange, response: ResponseObject, where: string): string[] {
    const declared = new Map(Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), { name, ...header }]));
    const problems: string[] = [];
    exchange.headers.forEach((value, name) => {
      if (TRANSPORT_HEADERS.includes(name)) return;
      const header = declared.get(name);
      if (!header) {
        problems.push(`header ${name} is sent but ${where} does not declare it`);
        return;
      }
      if (header.schema && !this.validator(`${where} header ${name}`, header.schema)(coerce(value, header.schema))) problems.push(`header ${name}: "${value}" does not match its schema`);
    });
    for (const [name, header] of declared) if (header.required && !exchange.headers.has(name)) problems.push(`required header ${header.name} is missing`);
    return problems;
  }

  private validator(key: string, schema: Record<string, unknown>): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema));
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/** `#/components/…` references resolved against the document (registered as {@link DOCUMENT_ID}). */
function rebase(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\/components\//g, `"$ref":"${DOCUMENT_ID}#/components/`)) as Record<string, unknown>;
}

/** A header's text as the JSON value its schema describes (headers are always text on the wire). */
function coerce(value: string, schema: Record<string, unknown>): unknown {
  if (schema['type'] === 'integer' || schema['type'] === 'number') return value.trim() === '' ? value : Number(value);
  if (schema['type'] === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
