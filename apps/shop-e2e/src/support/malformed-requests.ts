import { gzipSync } from 'node:zlib';
import { MAX_REQUEST_BODY_BYTES, placeOrderBodySchema, putProductBodySchema } from '@shop/orders-api-contract';
import fc from 'fast-check';
import type { RawRequest } from './shop-api';

/** A request the API must refuse with a 4xx and without changing anything. */
export interface MalformedRequest extends RawRequest {
  /** Which family of malformation it belongs to (for the test's report). */
  readonly kind: MalformationKind;
}

export const MalformationKind = {
  BrokenJson: 'broken-json',
  WrongTypes: 'wrong-types',
  HugeBody: 'huge-body',
  BadKey: 'bad-key',
  OddEncoding: 'odd-encoding',
  BadRoute: 'bad-route',
} as const;
export type MalformationKind = (typeof MalformationKind)[keyof typeof MalformationKind];

/** Existing data the requests aim at, so a request that slipped through would change something. */
export interface FuzzTargets {
  readonly productId: string;
  readonly orderId: string;
  readonly replenishmentId: string;
}

const json = { 'content-type': 'application/json' } as const;
const id = (value: string): string => encodeURIComponent(value);
const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The two writes with a JSON body, aimed at the target product. */
const writes = (targets: FuzzTargets) => ({
  order: { method: 'POST', path: '/orders', valid: { productId: targets.productId, quantity: 1 }, schema: placeOrderBodySchema },
  product: { method: 'PUT', path: `/products/${id(targets.productId)}`, valid: { stock: 5, reorderThreshold: 1, amountToReplenish: 2 }, schema: putProductBodySchema },
});

/** JSON that is not JSON: truncated, with a stray character, or one of the classic mistakes. */
function brokenJson(targets: FuzzTargets): fc.Arbitrary<MalformedRequest> {
  const { order, product } = writes(targets);
  const target = fc.constantFrom(order, product);
  const classics = fc.constantFrom(
    '', '{', '}', '[', 'null,', "{'productId':'x','quantity':1}", '{productId:"x",quantity:1}', '{"quantity":1,}', '{"quantity":NaN}',
    '{"quantity":undefined}', '{"quantity":01}', '{"quantity":+1}', '{"quantity":.5}', '{"quantity":0x1}', '{"a":1}{"b":2}', '"unterminated',
    '{"productId":"\\x41","quantity":1}', '{"productId":"\u0001","quantity":1}', `${'['.repeat(10_000)}${']'.repeat(10_000)}x`, '\u0000',
  );
  const mutated = fc
    .tuple(target, fc.nat(), fc.constantFrom('', '"', '{', ']', ',', ':', '\\', 'x', '}'), fc.boolean())
    .map(([t, at, inserted, truncate]) => {
      const text = JSON.stringify(t.valid);
      const cut = at % text.length;
      return { t, body: truncate ? text.slice(0, cut) : `${text.slice(0, cut)}${inserted}${text.slice(cut)}` };
    })
    .filter(({ body }) => !parses(body));
  return fc
    .oneof(fc.tuple(target, classics).map(([t, body]) => ({ t, body })), mutated)
    .filter(({ body }) => !parses(body)).map(({ t, body }) => ({ kind: MalformationKind.BrokenJson, method: t.method, path: t.path, headers: json, body }));
}

/** Well-formed JSON of the wrong shape: a field of the wrong type or range, missing, or extra; or no object at all. */
function wrongTypes(targets: FuzzTargets): fc.Arbitrary<MalformedRequest> {
  const { order, product } = writes(targets);
  const badValue = fc.oneof(
    fc.constantFrom(0, -1, 1.5, 10_001, 2 ** 53, -0.5, '', '1', '5', null, true, [], {}, [1], { n: 1 }, 'x'.repeat(1025), '€'.repeat(700)),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const fieldChange = fc.tuple(fc.constantFrom(order, product), badValue, fc.nat(), fc.constantFrom('replace', 'delete', 'extra')).map(([t, value, pick, change]) => {
    const keys = [...Object.keys(t.valid), ...(t === product ? ['name'] : [])];
    const key = keys[pick % keys.length] as string;
    const body: Record<string, unknown> = { ...t.valid };
    if (change === 'replace') body[key] = value;
    else if (change === 'delete') delete body[key];
    else body[t === order ? 'price' : 'productId'] = value;
    return { t, body: JSON.stringify(body) };
  });
  const notAnObject = fc.tuple(fc.constantFrom(order, product), fc.oneof(fc.constantFrom('null', 'true', '1', '"order"', '[]', '[{"productId":"x","quantity":1}]'), fc.jsonValue().map((v) => JSON.stringify(v))));
  return fc
    .oneof(fieldChange, notAnObject.map(([t, body]) => ({ t, body })))
    .filter(({ t, body }) => parses(body) && !t.schema.safeParse(JSON.parse(body)).success)
    .map(({ t, body }) => ({ kind: MalformationKind.WrongTypes, method: t.method, path: t.path, headers: json, body }));
}

/** Bodies past the 64 KiB the API accepts (and past API Gateway's 10 MB), around otherwise valid requests. */
function hugeBodies(targets: FuzzTargets): fc.Arbitrary<MalformedRequest> {
  const { order, product } = writes(targets);
  const sizes = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: MAX_REQUEST_BODY_BYTES + 1, max: 200_000 }) }, { weight: 1, arbitrary: fc.constantFrom(1_000_000, 10 * 1024 * 1024 + 1) });
  return fc.tuple(fc.constantFrom(order, product), sizes, fc.constantFrom('whitespace', 'field')).map(([t, size, how]) => {
    const text = JSON.stringify(t.valid);
    // Padding with whitespace keeps the JSON valid and the order itself valid: only the size is wrong.
    const body = how === 'whitespace' ? `${text.slice(0, -1)}${' '.repeat(Math.max(0, size - text.length))}}` : JSON.stringify({ ...t.valid, name: 'n'.repeat(size) });
    return { kind: MalformationKind.HugeBody, method: t.method, path: t.path, headers: json, body };
  });
}

/** Bad ids and keys: too long, badly percent-encoded, unknown, or a malformed Idempotency-Key. */
function badKeys(targets: FuzzTargets): fc.Arbitrary<MalformedRequest> {
  const { order, product } = writes(targets);
  const badSegment = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C3', '%ED%A0%80', 'x'.repeat(1025), '%E2%82%AC'.repeat(700));
  const badPath = fc.tuple(badSegment, fc.constantFrom('PUT', 'GET', 'GET-replenishments')).map(([segment, method]) =>
    method === 'PUT'
      ? { method: 'PUT', path: `/products/${segment}`, headers: json, body: JSON.stringify(product.valid) }
      : { method: 'GET', path: method === 'GET' ? `/products/${segment}` : `/products/${segment}/replenishments` },
  );
  const badIdempotencyKey = fc
    .oneof(fc.constantFrom('', ' ', 'has space', 'x'.repeat(65), 'é', 'a/b', 'a.b', '\t'), fc.stringMatching(/^[A-Za-z0-9_-]{65,100}$/))
    .map((key) => ({ method: 'POST', path: order.path, headers: { ...json, 'idempotency-key': key }, body: JSON.stringify(order.valid) }));
  const unknownIds = fc.uuid().chain((uuid) =>
    fc.constantFrom(
      { method: 'GET', path: `/orders/${uuid}` },
      { method: 'GET', path: `/orders/${id(targets.orderId)}x` },
      { method: 'POST', path: `/replenishments/${uuid}/receive` },
      { method: 'POST', path: `/replenishments/${id(targets.replenishmentId)}x/receive` },
      { method: 'POST', path: '/orders', headers: json, body: JSON.stringify({ productId: `${targets.productId}-missing-${uuid}`, quantity: 1 }) },
    ),
  );
  return fc.oneof(badPath, badIdempotencyKey, unknownIds).map((request) => ({ kind: MalformationKind.BadKey, ...request }));
}

/** A valid body in the wrong media type, charset, byte encoding or content encoding. */
function oddEncodings(targets: FuzzTargets): fc.Arbitrary<MalformedRequest> {
  const { order, product } = writes(targets);
  const wrongMediaType = fc
    .tuple(fc.constantFrom(order, product), fc.constantFrom(undefined, 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json', 'application/octet-stream'))
    .map(([t, type]) => ({
      method: t.method,
      path: t.path,
      headers: type === undefined ? ({} as Record<string, string>) : { 'content-type': type },
      body: new TextEncoder().encode(JSON.stringify(t.valid)) as Uint8Array,
    }));
  const wrongBytes = fc.tuple(fc.constantFrom(order, product), fc.constantFrom('utf16le', 'utf16be', 'bad-utf8', 'overlong', 'gzip')).map(([t, encoding]) => {
    const text = JSON.stringify(t.valid);
    const utf16le = Buffer.from(text, 'utf16le');
    const bodies = {
      utf16le: { type: 'application/json; charset=utf-16le', bytes: utf16le },
      utf16be: { type: 'application/json; charset=utf-16be', bytes: Buffer.from(utf16le).swap16() },
      // 0xff never occurs in UTF-8; here it stands between two members of the object.
      'bad-utf8': { type: 'application/json', bytes: Buffer.concat([Buffer.from(text.slice(0, 1)), Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(1))]) },
      // "{" encoded in two bytes: forbidden in UTF-8.
      overlong: { type: 'application/json', bytes: Buffer.concat([Buffer.from([0xc0, 0xbb]), Buffer.from(text.slice(1))]) },
      gzip: { type: 'application/json', bytes: gzipSync(text), encoding: 'gzip' },
    } as const;
    const chosen: { type: string; bytes: Buffer; encoding?: string } = bodies[encoding];
    return { method: t.method, path: t.path, headers: { 'content-type': chosen.type, ...(chosen.encoding && { 'content-encoding': chosen.encoding }) }, body: new Uint8Array(chosen.bytes) };
  });
  return fc.oneof(wrongMediaType, wrongBytes).map((request) => ({ kind: MalformationKind.OddEncoding, ...request }));
}

/** Methods and paths no route serves, and requests too big in their headers. */
function badRoutes(targets: FuzzTargets): fc.Arbitrary<MalformedRequest> {
  const product = `/products/${id(targets.productId)}`;
  return fc
    .oneof(
      fc.tuple(fc.constantFrom('DELETE', 'PATCH', 'POST'), fc.constantFrom(product, `${product}/replenishments`, '/orders/')).map(([method, path]) => ({ method, path })),
      fc.constantFrom(
        { method: 'GET', path: '/' },
        { method: 'GET', path: '/products' },
        { method: 'GET', path: `/products/${id(targets.productId)}/../../orders` },
        { method: 'GET', path: `//products/${id(targets.productId)}` },
        { method: 'POST', path: '/orders/extra', headers: json, body: JSON.stringify({ productId: targets.productId, quantity: 1 }) },
        { method: 'GET', path: `/products/${'x'.repeat(20_000)}` },
        { method: 'POST', path: '/orders', headers: { ...json, 'x-padding': 'p'.repeat(20_000) }, body: JSON.stringify({ productId: targets.productId, quantity: 1 }) },
      ),
    )
    .map((request) => ({ kind: MalformationKind.BadRoute, ...request }));
}

/**
 * `count` requests the orders API must refuse, each of them 4xx and none changing a table:
 * broken JSON, wrong types and ranges, huge bodies, bad ids and keys, odd encodings, and routes
 * that do not exist — aimed at an existing product, order and replenishment. Deterministic for a
 * given seed (fast-check), so a failure can be replayed.
 *
 * @example
 * for (const request of malformedRequests(targets, 1200, 20_260_101)) expect((await api.raw(request)).status).toBeGreaterThanOrEqual(400);
 */
export function malformedRequests(targets: FuzzTargets, count: number, seed: number): MalformedRequest[] {
  const arbitrary = fc.oneof(
    { weight: 5, arbitrary: brokenJson(targets) },
    { weight: 6, arbitrary: wrongTypes(targets) },
    { weight: 1, arbitrary: hugeBodies(targets) },
    { weight: 4, arbitrary: badKeys(targets) },
    { weight: 3, arbitrary: oddEncodings(targets) },
    { weight: 1, arbitrary: badRoutes(targets) },
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}
