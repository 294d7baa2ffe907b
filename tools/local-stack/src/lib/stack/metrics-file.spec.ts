import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../../testing/stack-harness';
import { EsmMetric, MappingMetrics } from '../esm/mapping-metrics';
import type { MappingStatus } from '../esm/mapping-status';
import { metricsFileContent, MetricsFileWriter } from './metrics-file';

describe('MetricsFileWriter', () => {
  it('reports a periodic write that fails once, keeps the process up, and writes again when it can', async () => {
    // Prepare: a writer running, then metrics.json's place taken by a folder (no rename can replace it)
    const directory = mkdtempSync(path.join(tmpdir(), 'metrics-file-'));
    const errors: Error[] = [];
    const writer = new MetricsFileWriter(directory, () => [], 10, (error) => errors.push(error));
    writer.start();
    rmSync(writer.file);
    mkdirSync(writer.file);
    writeFileSync(path.join(writer.file, 'occupied'), '');

    // Act
    await waitFor(() => errors.length > 0, 'a failed write reported');
    // That the failure is not reported again cannot be observed as an event: five more 10 ms
    // periods of failing writes are given for a repeat report to show.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reported = errors.length;
    rmSync(writer.file, { recursive: true });
    await waitFor(() => existsSync(writer.file) && statSync(writer.file).isFile(), 'metrics.json written again');
    writer.stop();

    // Assess
    expect(reported).toBe(1);
    expect(JSON.parse(readFileSync(writer.file, 'utf8'))).toMatchObject({ mappings: [] });
  });
});

describe('metricsFileContent', () => {
  const statusWith = (eventCountMetrics: boolean): MappingStatus => {
    const metrics = new MappingMetrics();
    metrics.add(EsmMetric.PolledEventCount, 3);
    metrics.add(EsmMetric.FilteredOutEventCount, 1);
    metrics.recordInvocation(false);
    return { uuid: 'u', address: 'aws_lambda_event_source_mapping.m', functionName: 'consumer', eventSourceArn: 'arn', state: 'polling', problem: undefined, activeShards: 1, metrics: metrics.snapshot(), eventCountMetrics, faults: undefined };
  };

  it('lists the EventCount metrics when the synth\'s metrics_config asks for them, under AWS\'s names', () => {
    // Act
    const [entry] = metricsFileContent([statusWith(true)]).mappings;
    // Assess
    expect(entry?.metricsConfig).toEqual(['EventCount']);
    expect(entry?.metrics).toEqual({
      IteratorAge: 0,
      PolledEventCount: 3,
      FilteredOutEventCount: 1,
      InvokedEventCount: 0,
      FailedInvokeEventCount: 0,
      DroppedEventCount: 0,
      OnFailureDestinationDeliveredEventCount: 0,
      Invocations: 1,
      Errors: 0,
    });
  });

  it('leaves them out without metrics_config, as AWS publishes none then', () => {
    // Act
    const [entry] = metricsFileContent([statusWith(false)]).mappings;
    // Assess
    expect(entry?.metricsConfig).toEqual([]);
    expect(entry?.metrics).toEqual({ IteratorAge: 0, Invocations: 1, Errors: 0 });
  });
});
