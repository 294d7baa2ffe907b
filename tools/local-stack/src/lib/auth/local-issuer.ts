import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { SigningKeyError } from '../errors';
import { writeFileAtomically } from '../files';

/** The one algorithm the local issuer signs with (API Gateway's JWT authorizers verify RSA signatures only). */
export const SIGNING_ALGORITHM = 'RS256';

/** Where the issuer serves its OIDC discovery document and its keys, under its URL. */
export const IssuerPaths = { discovery: '/.well-known/openid-configuration', jwks: '/.well-known/jwks.json' } as const;

/** What an access token of the local issuer says: who, with which scopes, for whom, until when. */
export interface AccessTokenRequest {
  readonly subject: string;
  readonly scopes: readonly string[];
  /** The `aud` claim: one of the authorizer's audiences. */
  readonly audience: string;
  readonly expiresInSeconds: number;
}

/**
 * The local stack's own OpenID issuer, in place of the synthesized one (Cognito or the company's):
 * an RSA key pair made at start (or read back from `keyFile` when it is kept, with `--persist`),
 * the discovery document and JWKS API Gateway would fetch, and access tokens signed like a
 * Cognito client-credentials token (`scope` space-separated, `token_use` access).
 *
 * @example
 * const issuer = await LocalIssuer.open({ url: 'http://127.0.0.1:3000', keyFile: '.local/issuer/signing-key.json', keep: false });
 * const token = await issuer.sign({ subject: 'alice', scopes: ['shop/orders.write'], audience: 'shop-api', expiresInSeconds: 3600 });
 */
export class LocalIssuer {
  readonly keys: JWTVerifyGetKey;

  private constructor(
    readonly url: string,
    readonly keyFile: string,
    private readonly privateJwk: JWK,
    private readonly publicJwk: JWK,
  ) {
    this.keys = createLocalJWKSet(this.jwks());
  }

  /** Makes a new key pair and writes it to `keyFile`, or (with `keep`) reads the one already there. */
  static async open(options: { url: string; keyFile: string; keep: boolean }): Promise<LocalIssuer> {
    if (options.keep && existsSync(options.keyFile)) return LocalIssuer.load(options.url, options.keyFile);
    const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true, modulusLength: 2048 });
    const jwk = await exportJWK(privateKey);
    const privateJwk: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALGORITHM, use: 'sig' };
    mkdirSync(path.dirname(options.keyFile), { recursive: true, mode: 0o700 });
    writeFileAtomically(options.keyFile, `${JSON.stringify(privateJwk)}\n`, { durable: true });
    chmodSync(options.keyFile, 0o600); // a private key: this user only
    return new LocalIssuer(options.url, options.keyFile, privateJwk, publicPart(privateJwk));
  }

  /** Reads the key a running stack signs with (`npm run token`). */
  static load(url: string, keyFile: string): LocalIssuer {
    let jwk: JWK;
    try {
      jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    } catch (cause) {
      throw new SigningKeyError(keyFile, 'cannot be read', { cause });
    }
    if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string') throw new SigningKeyError(keyFile, 'is not an RSA private key with a kid');
    return new LocalIssuer(url, keyFile, jwk, publicPart(jwk));
  }

  /** `/.well-known/openid-configuration`: what API Gateway reads to find the keys. */
  discoveryDocument(): Record<string, unknown> {
    return {
      issuer: this.url,
      jwks_uri: `${this.url}${IssuerPaths.jwks}`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      token_endpoint_auth_methods_supported: ['none'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'scope', 'token_use', 'jti'],
    };
  }

  /** The public keys (`jwks_uri`). */
  jwks(): JSONWebKeySet {
    return { keys: [this.publicJwk] };
  }

  /** Signs an access token. */
  async sign(request: AccessTokenRequest): Promise<string> {
    const key = await importJWK(this.privateJwk, SIGNING_ALGORITHM);
    return new SignJWT({ scope: request.scopes.join(' '), token_use: 'access' })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.privateJwk.kid as string, typ: 'JWT' })
      .setIssuer(this.url)
      .setSubject(request.subject)
      .setAudience(request.audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + request.expiresInSeconds)
      .setJti(randomUUID())
      .sign(key);
  }
}

function publicPart(jwk: JWK): JWK {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use };
}
