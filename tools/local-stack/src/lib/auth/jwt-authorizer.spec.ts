import { readFileSync } from 'node:fs';
import path from 'node:path';
import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { apiGatewayClaims } from './authorizer-claims';
import { authorizeJwt, type IdentityCarrier } from './jwt-authorizer';
import type { JwtAuthorizerDefinition } from './jwt-authorizer-definition';
import { LocalIssuer } from './local-issuer';

const AUDIENCE = 'shop-api';
const authorizer: JwtAuthorizerDefinition = {
  address: 'aws_apigatewayv2_authorizer.jwt',
  name: 'jwt',
  identitySource: { in: 'header', name: 'authorization' },
  synthesizedIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_fixture',
  audience: [AUDIENCE, 'warehouse-client'],
  inert: [],
};
const ordersRead = { authorizer, scopes: ['shop/orders.read'] };

let issuer: LocalIssuer;
let privateJwk: JWK;
beforeAll(async () => {
  issuer = await LocalIssuer.open({ url: 'http://127.0.0.1:3999', keyFile: path.join(temporaryStackDirectory(), 'issuer', 'signing-key.json'), keep: false });
  privateJwk = JSON.parse(readFileSync(issuer.keyFile, 'utf8')) as JWK;
});

const now = (): number => Math.floor(Date.now() / 1000);
const bearer = (token: string): IdentityCarrier => ({ headers: { authorization: `Bearer ${token}` }, rawQueryString: '' });

/** A token signed with the issuer's key, with these claims over sensible defaults (`undefined` removes one). */
async function token(claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const payload: JWTPayload = { iss: issuer.url, sub: 'alice', aud: AUDIENCE, iat: now(), exp: now() + 300, scope: 'shop/orders.read shop/orders.write', ...claims };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid as string, ...header }).sign(await importJWK(privateJwk, 'RS256'));
}

async function verdictFor(request: IdentityCarrier, route = ordersRead): Promise<{ status: number; description?: string }> {
  const verdict = await authorizeJwt(request, route, issuer);
  return verdict.allowed ? { status: 200 } : { status: verdict.status, description: verdict.description };
}

describe('authorizeJwt', () => {
  it('accepts a valid token with or without the Bearer prefix and passes the claims on as API Gateway does', async () => {
    // Prepare
    const valid = await token({ groups: ['admin', 'poweruser'], email_verified: true, address: { city: 'Lyon' }, nickname: null });

    // Act
    const prefixed = await authorizeJwt(bearer(valid), ordersRead, issuer);
    const bare = await verdictFor({ headers: { authorization: valid }, rawQueryString: '' });
    const lowerCase = await verdictFor({ headers: { authorization: `bearer ${valid}` }, rawQueryString: '' });

    // Assess
    expect([bare.status, lowerCase.status]).toEqual([200, 200]);
    expect(prefixed).toEqual({
      allowed: true,
      context: {
        claims: expect.objectContaining({ sub: 'alice', aud: AUDIENCE, iss: issuer.url, exp: expect.stringMatching(/^\d+$/), groups: '[admin poweruser]', email_verified: 'true', address: '{"city":"Lyon"}' }),
        scopes: ['shop/orders.read', 'shop/orders.write'],
      },
    });
    expect(prefixed.allowed && 'nickname' in prefixed.context.claims).toBe(false);
  });

  it.each([
    ['no Authorization header', async (): Promise<IdentityCarrier> => ({ headers: {}, rawQueryString: '' }), 'the request has no token'],
    ['an empty Bearer', async (): Promise<IdentityCarrier> => ({ headers: { authorization: 'Bearer ' }, rawQueryString: '' }), 'the request has no token'],
    ['a malformed token', async (): Promise<IdentityCarrier> => bearer('not-a.jwt'), 'the token is not a JWT'],
    ['a token with a damaged payload', async (): Promise<IdentityCarrier> => bearer((await token()).replace(/\.[^.]+\./, '.e30x.')), 'the token'],
    ['an expired token', async (): Promise<IdentityCarrier> => bearer(await token({ iat: now() - 600, exp: now() - 60 })), 'the token has expired'],
    ['a token without exp', async (): Promise<IdentityCarrier> => bearer(await token({ exp: undefined })), 'exp'],
    ['a token not valid yet', async (): Promise<IdentityCarrier> => bearer(await token({ nbf: now() + 600 })), 'the token is not valid yet (nbf)'],
    ['a token issued in the future', async (): Promise<IdentityCarrier> => bearer(await token({ iat: now() + 600 })), 'issued in the future'],
    ['a token of another issuer', async (): Promise<IdentityCarrier> => bearer(await token({ iss: authorizer.synthesizedIssuer })), "the token was not issued by the authorizer's issuer"],
    ['a token for another audience', async (): Promise<IdentityCarrier> => bearer(await token({ aud: 'someone-else' })), 'the token does not have a valid audience'],
    ['a token whose aud is wrong even though its client_id is right', async (): Promise<IdentityCarrier> => bearer(await token({ aud: 'someone-else', client_id: AUDIENCE })), 'valid audience'],
    ['a token with neither aud nor client_id', async (): Promise<IdentityCarrier> => bearer(await token({ aud: undefined })), 'valid audience'],
    ['a token signed by another key under the same kid', async (): Promise<IdentityCarrier> => bearer(await signedByStranger(privateJwk.kid as string)), "the token's signature is not valid"],
    ['a token signed by an unknown key', async (): Promise<IdentityCarrier> => bearer(await signedByStranger('stranger')), "no key of the issuer matches the token's kid"],
    ['a token whose signature was altered', async (): Promise<IdentityCarrier> => bearer(alterSignature(await token())), "the token's signature is not valid"],
    ['a token without kid', async (): Promise<IdentityCarrier> => bearer(await token({}, { kid: undefined })), 'the token has no kid header'],
    ['an alg: none token', async (): Promise<IdentityCarrier> => bearer(new UnsecuredJWT({ iss: issuer.url, aud: AUDIENCE, sub: 'mallory', scope: 'shop/orders.read' }).setExpirationTime('5m').encode()), 'algorithm none is not an RSA signature'],
    ['an HS256 token keyed with the public key', async (): Promise<IdentityCarrier> => bearer(await hmacWithPublicKey()), 'algorithm HS256 is not an RSA signature'],
  ])('answers 401 to %s', async (_case, request, description) => {
    // Act
    const verdict = await verdictFor(await request());

    // Assess
    expect(verdict.status).toBe(401);
    expect(verdict.description).toContain(description);
  });

  it('accepts client_id as the audience only when the token has no aud', async () => {
    // Act
    const verdict = await verdictFor(bearer(await token({ aud: undefined, client_id: 'warehouse-client' })));

    // Assess
    expect(verdict.status).toBe(200);
  });

  it('answers 403 to a valid token without one of the route\'s scopes, and to one with no scope claim at all', async () => {
    // Act
    const otherScope = await verdictFor(bearer(await token({ scope: 'shop/catalog.read' })));
    const noScope = await verdictFor(bearer(await token({ scope: undefined })));
    const substring = await verdictFor(bearer(await token({ scope: 'shop/orders.reader' })));

    // Assess
    expect([otherScope.status, noScope.status, substring.status]).toEqual([403, 403, 403]);
  });

  it('reads the scope claim, or else scp (a list or a string)', async () => {
    // Act
    const list = await authorizeJwt(bearer(await token({ scope: undefined, scp: ['shop/orders.read'] })), ordersRead, issuer);
    const text = await verdictFor(bearer(await token({ scope: undefined, scp: 'shop/catalog.read shop/orders.read' })));
    const scopeFirst = await verdictFor(bearer(await token({ scope: 'shop/catalog.read', scp: ['shop/orders.read'] })));

    // Assess
    expect(list.allowed && list.context.scopes).toEqual(['shop/orders.read']);
    expect([text.status, scopeFirst.status]).toEqual([200, 403]);
  });

  it('passes null scopes on a route that requires none, even for a token with scopes', async () => {
    // Act
    const verdict = await authorizeJwt(bearer(await token()), { authorizer, scopes: [] }, issuer);

    // Assess
    expect(verdict.allowed && verdict.context.scopes).toBeNull();
  });

  it('reads the token from a query string identity source', async () => {
    // Prepare
    const fromQuery = { authorizer: { ...authorizer, identitySource: { in: 'querystring' as const, name: 'access_token' } }, scopes: ['shop/orders.read'] };

    // Act
    const present = await verdictFor({ headers: {}, rawQueryString: `x=1&access_token=${await token()}` }, fromQuery);
    const absent = await verdictFor(bearer(await token()), fromQuery);

    // Assess
    expect([present.status, absent.status]).toEqual([200, 401]);
  });
});

describe('authorizeJwt with a token it verified before', () => {
  it('refuses it once it has expired: the time claims are checked at every request', async () => {
    // Prepare
    const valid = await token({ exp: now() + 60 });
    const first = await verdictFor(bearer(valid));

    // Act
    const later = await authorizeJwt(bearer(valid), ordersRead, issuer, () => Date.now() + 120_000);

    // Assess
    expect(first.status).toBe(200);
    expect(later).toEqual({ allowed: false, status: 401, description: 'the token has expired' });
  });

  it('refuses it before its nbf, though it was accepted at a later time', async () => {
    // Prepare
    const notYet = await token({ nbf: now() + 60, exp: now() + 600 });
    const atNbf = await authorizeJwt(bearer(notYet), ordersRead, issuer, () => Date.now() + 120_000);

    // Act
    const early = await verdictFor(bearer(notYet));

    // Assess
    expect(atNbf.allowed).toBe(true);
    expect(early).toEqual({ status: 401, description: 'the token is not valid yet (nbf)' });
  });

  it("checks each route's audience and scopes again", async () => {
    // Prepare
    const valid = await token({ scope: 'shop/orders.read' });
    await verdictFor(bearer(valid));

    // Act
    const otherScope = await verdictFor(bearer(valid), { authorizer, scopes: ['shop/catalog.write'] });
    const otherAudience = await verdictFor(bearer(valid), { authorizer: { ...authorizer, audience: ['storefront'] }, scopes: [] });
    const same = await verdictFor(bearer(valid));

    // Assess
    expect([otherScope.status, otherAudience.status, same.status]).toEqual([403, 401, 200]);
    expect(otherAudience.description).toBe('the token does not have a valid audience');
  });

  it("is not trusted by another issuer at the same URL (a restarted stack's new key)", async () => {
    // Prepare
    const valid = await token();
    await verdictFor(bearer(valid));
    const restarted = await LocalIssuer.open({ url: issuer.url, keyFile: path.join(temporaryStackDirectory(), 'issuer', 'signing-key.json'), keep: false });

    // Act
    const verdict = await authorizeJwt(bearer(valid), ordersRead, restarted);

    // Assess
    expect(verdict).toEqual({ allowed: false, status: 401, description: "no key of the issuer matches the token's kid" });
  });

  it('gives every request the same context as the first', async () => {
    // Prepare
    const valid = await token({ groups: ['admin'] });

    // Act
    const [first, second] = [await authorizeJwt(bearer(valid), ordersRead, issuer), await authorizeJwt(bearer(valid), ordersRead, issuer)];

    // Assess
    expect(second).toEqual(first);
  });
});

describe('apiGatewayClaims', () => {
  it('writes every claim as a string, arrays in brackets, and leaves null claims out', () => {
    // Act
    const claims = apiGatewayClaims({ sub: 'alice', exp: 1_700_000_000, aud: ['a', 'b'], admin: false, gone: null } as JWTPayload);

    // Assess
    expect(claims).toEqual({ sub: 'alice', exp: '1700000000', aud: '[a b]', admin: 'false' });
  });
});

async function signedByStranger(kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ iss: issuer.url, aud: AUDIENCE, sub: 'mallory', scope: 'shop/orders.read', exp: now() + 300 }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}

function alterSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const bytes = base64url.decode(signature);
  bytes[0] = (bytes[0] as number) ^ 0xff;
  return `${header}.${payload}.${base64url.encode(bytes)}`;
}

/** The classic key-confusion attack: HS256 with the RSA public key as the HMAC secret. */
async function hmacWithPublicKey(): Promise<string> {
  const [publicJwk] = issuer.jwks().keys as [JWK];
  const secret = new TextEncoder().encode(JSON.stringify(await exportJWK(await importJWK(publicJwk, 'RS256'))));
  return new SignJWT({ iss: issuer.url, aud: AUDIENCE, sub: 'mallory', scope: 'shop/orders.read', exp: now() + 300 }).setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid as string }).sign(secret);
}
