import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalIssuer, StackProcess, type StackEndpoints, type StackProcessOptions } from '@shop/tools-local-stack';

export interface BenchStackOptions extends Pick<StackProcessOptions, 'iam' | 'pollIntervalMs' | 'logLevel' | 'synthPath'> {
  /** Use this DynamoDB Local (the benchmark's own, shared with its baselines). */
  readonly dynamodbEndpoint: string;
}

/**
 * The local stack as `npm start -- --skip-build` runs it, in a child process of its own (the load
 * generator must not share its event loop), on the benchmark's DynamoDB Local, in a fresh state
 * directory. Logs at warn by default: a log line per request would be measured too, and it is not
 * part of the system.
 *
 * @example
 * const stack = await startBenchStack({ dynamodbEndpoint: ddb.endpoint });
 * const client = new JsonClient(stack.endpoints.apiUrl, 32, await authorization(stack.endpoints));
 * await stack.stop();
 */
export function startBenchStack(options: BenchStackOptions): Promise<StackProcess> {
  return StackProcess.start({ logLevel: 'warn', ...options, stateDirectory: mkdtempSync(path.join(tmpdir(), 'shop-bench-')) });
}

/**
 * `{ authorization: 'Bearer …' }` with a token of the stack's local issuer holding every scope
 * its routes require, valid for a day (longer than any benchmark); empty when no route has an
 * authorizer. The authorizer's check is part of what the benchmarks measure, as on AWS.
 */
export async function authorization(endpoints: StackEndpoints): Promise<Record<string, string>> {
  const { auth } = endpoints;
  if (!auth) return {};
  const token = await LocalIssuer.load(auth.issuer, auth.signingKeyFile).sign({ subject: 'bench', scopes: auth.scopes, audience: auth.audience[0] as string, expiresInSeconds: 86_400 });
  return { authorization: `Bearer ${token}` };
}
