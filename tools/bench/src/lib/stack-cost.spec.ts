import type { CounterSnapshot } from './request-counter';
import { labelCallers } from './stack-cost';

const tally = (requests: number) => ({ requests, failed: 0 });

describe('labelCallers', () => {
  const endpoints = { 'shop-dev-orders-api': 'http://127.0.0.1:41001', 'shop-dev-replenishment-consumer': 'http://127.0.0.1:41002' };

  it('names each function by its endpoint and gives the stream reads to the mapping, whichever host sent them', () => {
    const counts: CounterSnapshot = {
      '127.0.0.1:41001': { operations: { TransactWriteItems: tally(10) }, items: {} },
      '127.0.0.1:41002': { operations: { TransactWriteItems: tally(4) }, items: {} },
      // The mapping reads in the stack's own process, straight to the counter.
      '127.0.0.1:40000': { operations: { GetRecords: tally(7), DescribeStream: tally(1), CreateTable: tally(3) }, items: {} },
    };
    const { counts: split, labels } = labelCallers(counts, '127.0.0.1:40000', endpoints, 'shop-dev-replenishment-consumer');
    expect(labels).toEqual({
      '127.0.0.1:41001': 'shop-dev-orders-api',
      '127.0.0.1:41002': 'shop-dev-replenishment-consumer',
      '127.0.0.1:40000': 'the stack (provisioning)',
      '127.0.0.1:40000#mapping': "shop-dev-replenishment-consumer's event source mapping (stream reads)",
    });
    expect(split['127.0.0.1:40000#mapping']?.operations).toEqual({ GetRecords: tally(7), DescribeStream: tally(1) });
    expect(split['127.0.0.1:40000']?.operations).toEqual({ CreateTable: tally(3) });
  });

  it('names the functions together with the stack when they share its endpoint (IAM off)', () => {
    const shared = { 'shop-dev-orders-api': 'http://127.0.0.1:40000', 'shop-dev-replenishment-consumer': 'http://127.0.0.1:40000' };
    const counts: CounterSnapshot = { '127.0.0.1:40000': { operations: { TransactWriteItems: tally(14), GetRecords: tally(2) }, items: {} } };
    const { labels } = labelCallers(counts, '127.0.0.1:40000', shared, 'shop-dev-replenishment-consumer');
    expect(labels['127.0.0.1:40000']).toBe('the stack and shop-dev-orders-api, shop-dev-replenishment-consumer (one endpoint, IAM off)');
  });

  it('leaves a host no function was given as the host', () => {
    const counts: CounterSnapshot = { '127.0.0.1:49999': { operations: { GetItem: tally(1) }, items: {} } };
    expect(labelCallers(counts, '127.0.0.1:40000', endpoints, 'x').labels).toEqual({});
  });
});
