import { readFileSync } from 'node:fs';
import { startFixtureStack, waitFor, type FixtureStack } from '../../testing/stack-harness';
import type { MetricsFile } from './metrics-file';

let running: FixtureStack | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('the stack under injected faults', () => {
  it('delivers every record despite failed invocations, doubled batches and dropped connections, and writes AWS\'s metrics to metrics.json', async () => {
    // Prepare: the mapping retries until it succeeds (AWS's default, -1); seed 3 fails the 2nd and 4th draws.
    const products = Array.from({ length: 16 }, (_, i) => `p#${i}`);
    running = await startFixtureStack({
      // EventCount metrics on, as the shop's synth asks for them (without it metrics.json lists none).
      mapping: { batch_size: 4, metrics_config: { metrics: ['EventCount'] } },
      faults: { failRate: 0.3, duplicateBatches: true, dropConnectionEvery: 4, seed: 3 },
      before: async (put) => {
        for (const id of products) await put(id);
      },
    });

    // Act: wait until every record is delivered and the last delivery's duplicate is done (each
    // successful invocation runs the handler twice, a failed one not at all), then for a metrics.json
    // written after that: the counts are final, whatever way the records were batched.
    await waitFor(() => new Set(running?.invocations().flatMap((i) => i.sequenceNumbers)).size === 16, 'all 16 records delivered', 20_000);
    const status = await waitFor(() => {
      const current = running?.stack.pollerStatus()[0];
      const succeeded = (current?.metrics.Invocations ?? 0) - (current?.metrics.Errors ?? 0);
      return running?.invocations().length === 2 * succeeded && current;
    }, 'the last duplicate delivery');
    const settledAt = Date.now();
    const metricsFile = await waitFor(() => {
      const file = JSON.parse(readFileSync(running?.stack.metricsFile ?? '', 'utf8')) as MetricsFile;
      return Date.parse(file.updatedAt) > settledAt && file;
    }, 'metrics.json written after the last delivery');

    // Assess: each delivery comes twice in a row; the order of the shard holds.
    const invocations = running.invocations();
    const batches = invocations.map((i) => i.sequenceNumbers.join(','));
    for (let i = 0; i < batches.length; i += 2) expect(batches[i + 1]).toBe(batches[i]);
    const firstSeen = [...new Set(invocations.flatMap((i) => i.event.Records.map((r) => r.dynamodb?.Keys?.['productId']?.S)))];
    expect(firstSeen).toEqual(products);
    expect(status.faults).toMatchObject({ injectedFailures: expect.any(Number), duplicatedBatches: expect.any(Number), droppedConnections: expect.any(Number) });
    expect(status.faults?.injectedFailures).toBeGreaterThan(0);
    expect(status.faults?.droppedConnections).toBeGreaterThan(0);
    expect(metricsFile.mappings[0]).toMatchObject({
      functionName: `${running.prefix}-consumer`,
      state: 'polling',
      metricsConfig: ['EventCount'],
      metrics: {
        IteratorAge: expect.any(Number),
        PolledEventCount: 16,
        FilteredOutEventCount: 0,
        InvokedEventCount: expect.any(Number),
        FailedInvokeEventCount: expect.any(Number),
        DroppedEventCount: 0,
        OnFailureDestinationDeliveredEventCount: 0,
      },
      faults: { injectedFailures: expect.any(Number) },
    });
    expect(metricsFile.mappings[0]?.metrics.FailedInvokeEventCount).toBeGreaterThan(0);
    // Exact whatever the batching: every failed attempt's records were invoked again, each injected failure is one failed call.
    const { counts, Invocations, Errors } = status.metrics;
    expect(metricsFile.mappings[0]?.metrics).toMatchObject({ ...counts, Invocations, Errors });
    expect(counts.InvokedEventCount).toBe(16 + counts.FailedInvokeEventCount);
    expect(Errors).toBe(status.faults?.injectedFailures);
  });
});
