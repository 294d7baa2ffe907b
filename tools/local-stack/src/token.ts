/**
 * `npm run token`: an access token the running local stack's JWT authorizer accepts, signed with
 * its issuer's key (found through `.local/stack.json`), printed as the last line of stdout.
 *
 *   npm run token -- --sub alice --scope shop/orders.write --scope shop/orders.read [--expires-in 3600]
 *                    [--audience storefront] [--state-dir .local]
 *
 *   curl -H "authorization: Bearer $(npm run -s token -- --sub alice --scope shop/orders.read)" …
 */
import path from 'node:path';
import { LocalIssuer } from './lib/auth/local-issuer';
import { accessTokenRequest, parseTokenFlags } from './lib/auth/token-request';
import { TokenRequestError } from './lib/errors';
import { readStackFile } from './lib/stack/stack-file';

const workspaceRoot = path.resolve(__dirname, '../../..');

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseTokenFlags(argv);
  const stackFile = readStackFile(path.resolve(workspaceRoot, flags.stateDirectory));
  if (!stackFile.auth) throw new TokenRequestError('--state-dir', 'the running stack\'s API has no JWT authorizer: its routes need no token');
  const request = accessTokenRequest(flags, stackFile.auth);
  const token = await LocalIssuer.load(stackFile.auth.issuer, stackFile.auth.signingKeyFile).sign(request);
  const expires = new Date(Date.now() + request.expiresInSeconds * 1000).toISOString();
  process.stderr.write(`token for ${request.subject} (${request.scopes.join(' ')}), audience ${request.audience}, issuer ${stackFile.auth.issuer}, expires ${expires}${stackFile.auth.mode === 'off' ? '; the stack runs with --auth off: nothing checks it' : ''}\n`);
  process.stdout.write(`${token}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
