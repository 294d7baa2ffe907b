import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { CaptureProxy } from './capture-proxy';
import { BenchCorrectnessError } from './errors';
import { JsonClient } from './http-client';
import { authorization, startBenchStack } from './bench-stack';

/** The orders API's own TransactWriteItems, ready to be sent again for other products and orders. */
export interface OrderTransaction {
  /** The captured request with this product, a new order id and a new ClientRequestToken. */
  forOrder(productId: string, orderId: string, clientRequestToken: string): TransactWriteItemsCommandInput;
  /** How many items the transaction writes (for the report). */
  readonly itemCount: number;
}

const TEMPLATE_PRODUCT = 'bench#template-product';

/**
 * Learns the exact transaction the orders API sends for one order: a stack runs with its DynamoDB
 * traffic through a capturing proxy, one order is placed through the API, and its
 * TransactWriteItems request is kept. The raw baseline of P1 then sends that same request — the
 * same items, expressions and conditions — with only the product, order id and token swapped,
 * so it cannot drift from what the API does.
 *
 * @example
 * const transaction = await captureOrderTransaction(ddb.endpoint);
 * await client.send(new TransactWriteItemsCommand(transaction.forOrder('p#1', randomUUID(), randomUUID())));
 */
export async function captureOrderTransaction(dynamodbEndpoint: string): Promise<OrderTransaction> {
  const proxy = await CaptureProxy.start(dynamodbEndpoint, 'TransactWriteItems');
  const stack = await startBenchStack({ dynamodbEndpoint: proxy.endpoint, iam: 'off' });
  const client = new JsonClient(stack.endpoints.apiUrl, 1, await authorization(stack.endpoints));
  let orderId: string;
  try {
    const put = await client.send('PUT', `/products/${encodeURIComponent(TEMPLATE_PRODUCT)}`, { stock: 1_000_000, reorderThreshold: 0, amountToReplenish: 1 });
    const order = await client.send('POST', '/orders', { productId: TEMPLATE_PRODUCT, quantity: 1 });
    if (put.status !== 200 || order.status !== 201) throw new BenchCorrectnessError('P1', `capturing the order transaction: PUT ${put.status}, POST ${order.status} ${JSON.stringify(order.body)}`);
    orderId = (order.body as { orderId: string }).orderId;
  } finally {
    client.close();
    await stack.stop();
    await proxy.stop();
  }
  const [captured, ...more] = proxy.captured as Array<{ ClientRequestToken?: string; TransactItems?: unknown[] }>;
  if (!captured || more.length > 0 || !captured.ClientRequestToken || captured.TransactItems?.length === undefined) {
    throw new BenchCorrectnessError('P1', `expected one TransactWriteItems with a ClientRequestToken for one order, captured ${proxy.captured.length}`);
  }
  const text = JSON.stringify(captured);
  const placeholders = { product: JSON.stringify(TEMPLATE_PRODUCT), order: JSON.stringify(orderId), token: JSON.stringify(captured.ClientRequestToken) };
  for (const [name, quoted] of Object.entries(placeholders)) {
    if (!text.includes(quoted)) throw new BenchCorrectnessError('P1', `the captured transaction does not contain the ${name} (${quoted})`);
  }
  return {
    itemCount: captured.TransactItems.length,
    forOrder: (productId, newOrderId, token) =>
      JSON.parse(
        text
          .split(placeholders.product).join(JSON.stringify(productId))
          .split(placeholders.order).join(JSON.stringify(newOrderId))
          .split(placeholders.token).join(JSON.stringify(token)),
      ) as TransactWriteItemsCommandInput,
  };
}
