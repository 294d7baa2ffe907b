import type { P2Step } from '../p2-stream-latency';

const table = (header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/**
 * P2's cost per 1,000 orders at each rate, from its counted pass: one table of requests and
 * capacity units by function, one of the event source mapping's deliveries. Empty when the run
 * counted nothing.
 */
export function p2CostSection(steps: readonly P2Step[]): string {
  const counted = steps.filter((s): s is P2Step & Required<Pick<P2Step, 'cost'>> => s.cost !== undefined);
  if (counted.length === 0) return '';
  const rows = counted.flatMap(({ rate, cost }) =>
    cost.callers.map((c) => [
      rate,
      c.caller,
      Object.entries(c.operations)
        .map(([op, t]) => `${op} ${t.requests}${t.failed > 0 ? ` (${t.failed} failed)` : ''}`)
        .join(', '),
      c.writeUnits,
      c.indexWriteUnits,
      c.readUnits,
    ]),
  );
  const [first] = counted;
  return [
    '### Cost per 1,000 orders, counted',
    'From a second pass of the same orders with every DynamoDB request of the stack counted on its way to DynamoDB Local (a pass-through proxy in the ' +
      "benchmark's process; each function reaches it through its own IAM proxy, which forwards the request as the function sent it, so its `Host` " +
      "is the function's endpoint in stack.json; the mapping's stream reads are authorized in the stack's own process and counted as the mapping's). Capacity units as DynamoDB on-demand bills them: a write 1 unit per started KB of its table's largest item (" +
      `${Object.entries(first?.cost.maxItemBytes ?? {}).map(([t, b]) => `${t} ≤ ${b} B`).join(', ')}), twice inside a transaction, plus 1 for each global ` +
      'secondary index a put writes; a strongly consistent read 1 unit per started 4 KB, an eventually consistent one half; failed conditions are billed too. ' +
      'The mapping\'s stream reads are free for Lambda triggers on AWS and grow with time, not orders.',
    table(['orders/s', 'caller', 'requests by operation', 'write units', 'index write units', 'read units'], rows),
    table(
      ['orders/s', 'consumer invocations', 'records polled', 'delivered (invoked)', 'filtered out'],
      counted.map(({ rate, cost }) => [rate, cost.mapping.Invocations, cost.mapping.PolledEventCount, cost.mapping.InvokedEventCount, cost.mapping.FilteredOutEventCount]),
    ),
  ].join('\n\n');
}
