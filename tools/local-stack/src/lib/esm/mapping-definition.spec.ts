import { InvalidResourceError, UnsupportedAttributeError } from '../errors';
import { ReferenceResolver } from '../terraform/reference-resolver';
import { fixtureDocument, type Block } from '../../testing/terraform-fixtures';
import { readMappingDefinitions } from './mapping-definition';

const resolver = (): ReferenceResolver => {
  const r = new ReferenceResolver();
  r.register('aws_dynamodb_table.products', { stream_arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/l' });
  r.register('aws_lambda_function.consumer', { arn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer' });
  r.register('aws_sqs_queue.dlq', { arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' });
  return r;
};
const read = (attributes: Block) =>
  readMappingDefinitions(
    fixtureDocument({
      aws_lambda_event_source_mapping: {
        m: { function_name: '${aws_lambda_function.consumer.arn}', event_source_arn: '${aws_dynamodb_table.products.stream_arn}', starting_position: 'TRIM_HORIZON', ...attributes },
      },
    }),
    resolver(),
  );

describe('readMappingDefinitions', () => {
  it('reads the synth\'s settings with AWS\'s defaults for the rest', () => {
    // Act
    const [mapping] = read({
      batch_size: 100,
      bisect_batch_on_function_error: true,
      maximum_retry_attempts: 10,
      maximum_record_age_in_seconds: 21600,
      function_response_types: ['ReportBatchItemFailures'],
      filter_criteria: { filter: [{ pattern: '{"eventName":["INSERT","MODIFY"]}' }] },
      destination_config: { on_failure: { destination_arn: '${aws_sqs_queue.dlq.arn}' } },
      metrics_config: { metrics: ['EventCount'] },
      parallelization_factor: 4,
      depends_on: ['aws_iam_role_policy.consumer'],
    });
    const [defaults] = read({});

    // Assess
    expect(mapping).toMatchObject({
      functionName: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
      eventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/p/stream/l',
      batchSize: 100,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 10,
      maximumRecordAgeInSeconds: 21600,
      parallelizationFactor: 4,
      reportBatchItemFailures: true,
      onFailureDestinationArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      metricsEnabled: true,
      enabled: true,
    });
    expect(mapping?.filters.map((f) => f.source)).toEqual(['{"eventName":["INSERT","MODIFY"]}']);
    expect(mapping?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(defaults).toMatchObject({ batchSize: 100, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, bisectBatchOnFunctionError: false, maximumBatchingWindowInSeconds: 0, reportBatchItemFailures: false, parallelizationFactor: 1 });
  });

  it.each([
    [{ tumbling_window_in_seconds: 60 }, 'tumbling_window_in_seconds'],
    [{ queues: ['q'] }, 'queues'],
    [{ starting_position_timestamp: '2026-01-01T00:00:00Z' }, 'starting_position_timestamp'],
    [{ destination_config: { on_success: { destination_arn: 'x' } } }, 'destination_config.on_success'],
    [{ a_future_setting: true }, 'a_future_setting'],
  ])('refuses %j at start-up instead of ignoring it', (attributes, attribute) => {
    // Act & Assess
    expect(() => read(attributes)).toThrow(UnsupportedAttributeError);
    expect(() => read(attributes)).toThrow(`aws_lambda_event_source_mapping.m: "${attribute}" is not supported by the local stack`);
  });

  it('refuses values AWS would refuse', () => {
    // Act & Assess
    expect(() => read({ batch_size: 0 })).toThrow(InvalidResourceError);
    expect(() => read({ parallelization_factor: 11 })).toThrow('"parallelization_factor" must be an integer from 1 to 10');
    expect(() => read({ starting_position: 'AT_TIMESTAMP' })).toThrow('TRIM_HORIZON or LATEST');
    expect(() => read({ maximum_record_age_in_seconds: 30 })).toThrow('-1 or from 60 to 604800');
    expect(() => read({ function_response_types: ['Everything'] })).toThrow('ReportBatchItemFailures');
    expect(() => read({ filter_criteria: { filter: Array.from({ length: 6 }, () => ({ pattern: '{"a":["b"]}' })) } })).toThrow('AWS allows 5');
    expect(() => read({ filter_criteria: { filter: [{ pattern: '{"a":"b"}' }] } })).toThrow('Invalid filter pattern');
  });
});
