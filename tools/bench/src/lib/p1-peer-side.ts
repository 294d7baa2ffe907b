import path from 'node:path';
import { LocalIssuer, type HttpApiService, type StackEndpoints } from '@shop/tools-local-stack';
import { BenchCorrectnessError, BenchError } from './errors';
import { JsonClient, type JsonResponse } from './http-client';
import { builtBundleOf, ensurePeerInstalled, startPeer } from './p1-peer';
import { workspaceRoot } from './workspace-root';

/** serverless-offline ready to take P1's orders. */
export interface PeerSide {
  readonly pid: number;
  readonly versions: Readonly<Record<string, string>>;
  /** `POST /orders` for one unit of the product; anything but a 201 is a {@link BenchCorrectnessError}. */
  placeOrder(productId: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A bearer token for the peer: signed with the local stack's key (the peer does not check
 * signatures), issued by the synth's own issuer with the first of its audiences and every scope
 * the routes require, valid for a day. The same claims as the local API's token, but the issuer
 * the synth names (the local stack replaces it with its own).
 */
export async function peerToken(endpoints: StackEndpoints, service: HttpApiService): Promise<string | undefined> {
  const [authorizer, ...others] = service.authorizers;
  if (!authorizer || !endpoints.auth) return undefined;
  if (others.length > 0) throw new BenchError('P1 drives one JWT authorizer; the synth has several');
  return LocalIssuer.load(authorizer.synthesizedIssuer, endpoints.auth.signingKeyFile).sign({
    subject: 'bench',
    scopes: endpoints.auth.scopes,
    audience: authorizer.audience[0] as string,
    expiresInSeconds: 86_400,
  });
}

export interface PeerSideOptions {
  readonly scratch: string;
  readonly service: HttpApiService;
  readonly synthPath: string;
  /** Where the local stack unpacked the deployment packages (to find the same bundle in dist/). */
  readonly stackStateDirectory: string;
  readonly dynamodbEndpoint: string;
  readonly token: string | undefined;
  readonly maxSockets: number;
  readonly log: (line: string) => void;
}

/**
 * Installs (once) and starts serverless-offline on the synth's API and the built bundles, then
 * checks its authorizer is on (no token: 401) and that an order goes through (201) before any
 * figure is taken.
 */
export async function startPeerSide(options: PeerSideOptions): Promise<PeerSide> {
  const versions = ensurePeerInstalled(options.scratch, options.log);
  const distApps = path.join(workspaceRoot, 'dist', 'apps');
  const bundleDirectories = Object.fromEntries(options.service.functions.map((definition) => [definition.functionName, builtBundleOf(definition, options.stackStateDirectory, distApps)]));
  const peer = await startPeer({ scratch: options.scratch, service: options.service, synthPath: options.synthPath, bundleDirectories, dynamodbEndpoint: options.dynamodbEndpoint });
  options.log(`P1: serverless ${versions['serverless']} + serverless-offline ${versions['serverless-offline']} at ${peer.url} (pid ${peer.pid})`);
  const client = new JsonClient(peer.url, options.maxSockets, options.token ? { authorization: `Bearer ${options.token}` } : {});
  const placeOrder = (productId: string, headers: Record<string, string> = {}): Promise<JsonResponse> => client.send('POST', '/orders', { productId, quantity: 1 }, headers);
  try {
    if (options.token) {
      const { status } = await placeOrder('bench-p1#peer-check', { authorization: '' });
      if (status !== 401) throw new BenchCorrectnessError('P1', `serverless-offline let an order without a token through (${status}): its JWT authorizer is off`);
    }
  } catch (error) {
    client.close();
    await peer.stop();
    throw error;
  }
  return {
    pid: peer.pid,
    versions,
    async placeOrder(productId) {
      const { status, body } = await placeOrder(productId);
      if (status !== 201) throw new BenchCorrectnessError('P1', `serverless-offline answered POST /orders with ${status}: ${JSON.stringify(body)?.slice(0, 500)}`);
    },
    async stop() {
      client.close();
      await peer.stop();
    },
  };
}
