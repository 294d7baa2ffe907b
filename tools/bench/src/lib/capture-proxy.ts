import { startPassThroughRelay, type PassThroughRelay } from './pass-through-relay';

/**
 * A pass-through HTTP proxy in front of DynamoDB Local that keeps the body of every request whose
 * `X-Amz-Target` names `operation` (e.g. `TransactWriteItems`): how the benchmark learns the exact
 * request the orders API sends, instead of writing its own version of it.
 *
 * @example
 * const proxy = await CaptureProxy.start(ddb.endpoint, 'TransactWriteItems');
 * // run a stack with --dynamodb-endpoint proxy.endpoint, place one order
 * const [transaction] = proxy.captured;
 */
export class CaptureProxy {
  private constructor(
    private readonly relay: PassThroughRelay,
    readonly endpoint: string,
    /** The bodies of the requests captured so far, parsed, in arrival order. */
    readonly captured: unknown[],
  ) {}

  static async start(target: string, operation: string): Promise<CaptureProxy> {
    const captured: unknown[] = [];
    const relay = await startPassThroughRelay(target, (headers, body) => {
      if (String(headers['x-amz-target'] ?? '').endsWith(`.${operation}`)) captured.push(JSON.parse(body.toString('utf8')));
    });
    return new CaptureProxy(relay, relay.endpoint, captured);
  }

  stop(): Promise<void> {
    return this.relay.stop();
  }
}
