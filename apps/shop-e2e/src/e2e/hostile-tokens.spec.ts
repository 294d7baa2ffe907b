/**
 * Tokens an attacker or a broken client sends: each is refused by the local JWT authorizer with
 * API Gateway's 401 before the function runs; a valid token without the route's scope gets 403.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Scope } from '@shop/orders-api-contract';
import { base64url, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose';
import { connectToE2eStack, type E2eStack } from '../support/e2e-stack';

const now = (): number => Math.floor(Date.now() / 1000);

describe('hostile tokens', () => {
  let stack: E2eStack;
  let productPath: string;
  let key: JWK;
  let claims: JWTPayload;
  beforeAll(async () => {
    stack = connectToE2eStack();
    const auth = stack.endpoints.auth;
    if (!auth) throw new Error('the stack has no JWT authorizer');
    key = JSON.parse(readFileSync(auth.signingKeyFile, 'utf8')) as JWK;
    claims = { iss: auth.issuer, aud: auth.audience[0], sub: 'mallory', scope: Scope.CatalogRead };
    const productId = `hostile#${randomUUID()}`;
    await stack.api.putProduct(productId, { stock: 3, reorderThreshold: 1, amountToReplenish: 2 });
    productPath = `/products/${encodeURIComponent(productId)}`;
  });
  afterAll(() => stack.close());

  /** Signed with the stack's own key: only the claims make it hostile. */
  const signed = async (overrides: JWTPayload, header: Record<string, unknown> = {}): Promise<string> =>
    new SignJWT({ ...claims, iat: now(), exp: now() + 300, ...overrides }).setProtectedHeader({ alg: 'RS256', kid: key.kid as string, ...header }).sign(await importJWK(key, 'RS256'));

  const HOSTILE: ReadonlyArray<readonly [string, () => Promise<string>]> = [
    ['no token at all', async () => ''],
    ['a malformed token', async () => 'Bearer not.a.jwt'],
    ['a token that is not base64', async () => 'Bearer ***.***.***'],
    ['an expired token', async () => `Bearer ${await signed({ iat: now() - 600, exp: now() - 60 })}`],
    ['a token not valid yet', async () => `Bearer ${await signed({ nbf: now() + 600 })}`],
    ['a token of another issuer', async () => `Bearer ${await signed({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_attacker' })}`],
    ['a token for another audience', async () => `Bearer ${await signed({ aud: 'some-other-client' })}`],
    ['a token signed by another key under the stack\'s kid', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return `Bearer ${await new SignJWT({ ...claims, exp: now() + 300 }).setProtectedHeader({ alg: 'RS256', kid: key.kid as string }).sign(privateKey)}`;
    }],
    ['a token with a tampered payload', async () => {
      const [header, , signature] = (await signed({})).split('.');
      return `Bearer ${header}.${base64url.encode(JSON.stringify({ ...claims, scope: 'shop/catalog.write', exp: now() + 300 }))}.${signature}`;
    }],
    ['an alg: none token', async () => `Bearer ${new UnsecuredJWT(claims).setExpirationTime('5m').encode()}`],
    ['an HS256 token keyed with the public key', async () => {
      const [publicKey] = ((await (await fetch(`${stack.endpoints.auth?.issuer}/.well-known/jwks.json`)).json()) as { keys: JWK[] }).keys;
      const secret = new TextEncoder().encode(JSON.stringify(publicKey));
      return `Bearer ${await new SignJWT({ ...claims, exp: now() + 300 }).setProtectedHeader({ alg: 'HS256', kid: key.kid as string }).sign(secret)}`;
    }],
  ];

  it.each(HOSTILE)('answers 401 Unauthorized to %s, before the function runs', async (_case, authorization) => {
    // Prepare
    const header = await authorization();

    // Act
    const response = await stack.api.as(undefined).raw({ method: 'GET', path: productPath, headers: header ? { authorization: header } : {} });

    // Assess
    expect({ status: response.status, body: response.body }).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer scope="" error="invalid_token" error_description=".+"$/);
  });

  it('answers 403 Forbidden to a valid token without the route\'s scope, and 200 with it', async () => {
    // Act
    const withoutScope = await stack.api.as(undefined).raw({ method: 'PUT', path: productPath, headers: { authorization: `Bearer ${await signed({})}`, 'content-type': 'application/json' }, body: '{"stock":99,"reorderThreshold":1,"amountToReplenish":2}' });
    const withScope = await stack.api.as(undefined).raw({ method: 'GET', path: productPath, headers: { authorization: await signed({}) } });

    // Assess
    expect({ status: withoutScope.status, body: withoutScope.body }).toEqual({ status: 403, body: { message: 'Forbidden' } });
    expect(withScope.status).toBe(200);
    expect(withScope.body).toMatchObject({ stock: 3 });
  });
});
