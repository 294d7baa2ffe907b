import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { startFixtureStack, type FixtureStack } from '../../testing/stack-harness';
import { temporaryStackDirectory } from '../../testing/terraform-fixtures';
import { TokenRequestError } from '../errors';
import type { StackFileAuth } from './api-authorization';
import { accessTokenRequest, parseTokenFlags } from './token-request';

const workspaceRoot = path.resolve(__dirname, '../../../../..');
const tsx = path.join(workspaceRoot, 'node_modules', '.bin', 'tsx');

/** `npm run token -- …` (its entry point), with its exit code and both outputs. */
async function runToken(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['--tsconfig', 'tsconfig.base.json', 'tools/local-stack/src/token.ts', ...args], { cwd: workspaceRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const auth: StackFileAuth = { mode: 'jwt', issuer: 'http://127.0.0.1:1', audience: ['storefront', 'warehouse'], scopes: ['shop/orders.read', 'shop/orders.write'], signingKeyFile: '/nowhere' };

describe('parseTokenFlags and accessTokenRequest', () => {
  it('read a subject, repeated scopes, a lifetime and an audience', () => {
    // Act
    const flags = parseTokenFlags(['--sub', 'alice', '--scope', 'shop/orders.write', '--scope', 'shop/orders.read', '--expires-in', '60', '--audience', 'warehouse']);

    // Assess
    expect(accessTokenRequest(flags, auth)).toEqual({ subject: 'alice', scopes: ['shop/orders.write', 'shop/orders.read'], audience: 'warehouse', expiresInSeconds: 60 });
    expect(accessTokenRequest(parseTokenFlags(['--sub', 'bob', '--scope', 'shop/orders.read']), auth)).toMatchObject({ audience: 'storefront', expiresInSeconds: 3600 });
  });

  it.each([
    ['no subject', ['--scope', 'shop/orders.read'], '--sub: the token\'s subject is required'],
    ['no scope', ['--sub', 'alice'], '--scope: name at least one scope'],
    ['a lifetime that is not a number', ['--sub', 'a', '--scope', 'shop/orders.read', '--expires-in', 'soon'], '--expires-in: must be a whole number of seconds from 1 to 86400, got "soon"'],
    ['a lifetime too long', ['--sub', 'a', '--scope', 'shop/orders.read', '--expires-in', '86401'], '--expires-in'],
    ['a zero lifetime', ['--sub', 'a', '--scope', 'shop/orders.read', '--expires-in', '0'], '--expires-in'],
    ['an unknown flag', ['--sub', 'a', '--scope', 'shop/orders.read', '--admin'], "Unknown option '--admin'"],
  ])('refuse %s', (_case, argv, message) => {
    // Act & Assess
    expect(() => parseTokenFlags(argv)).toThrow(TokenRequestError);
    expect(() => parseTokenFlags(argv)).toThrow(message);
  });

  it('refuse a scope no route requires and an audience the authorizer does not accept', () => {
    // Act & Assess
    expect(() => accessTokenRequest(parseTokenFlags(['--sub', 'a', '--scope', 'shop/admin']), auth)).toThrow('shop/admin: no route requires this scope; known scopes: shop/orders.read shop/orders.write');
    expect(() => accessTokenRequest(parseTokenFlags(['--sub', 'a', '--scope', 'shop/orders.read', '--audience', 'mallory']), auth)).toThrow('mallory is not an audience');
  });
});

describe('npm run token', () => {
  let running: FixtureStack;
  beforeAll(async () => {
    running = await startFixtureStack({ apiRoutes: ['GET /orders/{orderId}'], jwtAuthorizer: { audience: ['storefront'], routeScopes: { 'GET /orders/{orderId}': ['shop/orders.read'] } } });
  });
  afterAll(() => running.stop());

  it('prints, as its last line, a token the running stack accepts', async () => {
    // Act
    const { code, stdout, stderr } = await runToken(['--sub', 'alice', '--scope', 'shop/orders.read', '--expires-in', '120', '--state-dir', running.stateDirectory]);
    const token = stdout.trimEnd().split('\n').pop() as string;
    const response = await fetch(`${running.stack.apiUrl}/orders/o-1`, { headers: { authorization: `Bearer ${token}` } });

    // Assess
    expect(code).toBe(0);
    expect(stderr).toContain('token for alice (shop/orders.read), audience storefront');
    expect(response.status).toBe(200);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'alice', iss: running.stack.apiUrl, aud: 'storefront', scope: 'shop/orders.read' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(120);
  });

  it('fails clearly, with no token printed, for a scope the stack does not know', async () => {
    // Act
    const { code, stdout, stderr } = await runToken(['--sub', 'alice', '--scope', 'shop/everything', '--state-dir', running.stateDirectory]);

    // Assess
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('--scope: shop/everything: no route requires this scope');
  });

  it('fails clearly when no stack is running', async () => {
    // Act
    const { code, stdout, stderr } = await runToken(['--sub', 'alice', '--scope', 'shop/orders.read', '--state-dir', temporaryStackDirectory()]);

    // Assess
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('No running local stack');
    expect(stderr).toContain('Start one with `npm start`');
  });
});
