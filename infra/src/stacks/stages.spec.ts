import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LambdaApp, lambdaBundle } from '../config/bundles';
import { BundleNotBuiltError, StageConfigError } from '../config/errors';
import { BillingMode, defineStage, StartingPosition, type StageConfig, type StageConfigInput } from '../config/stage-config';
import { STAGES } from '../config/stages';
import { synthStage, type SynthesizedStage } from '../testing/synth-stage';

const provisioned: StageConfig = defineStage({
  ...STAGES.prod,
  stage: 'perf',
  tables: {
    deletionProtection: true,
    billing: {
      mode: BillingMode.Provisioned,
      read: { min: 5, max: 200, targetUtilizationPercent: 70 },
      write: { min: 10, max: 400, targetUtilizationPercent: 60 },
    },
  },
  streamConsumer: { ...STAGES.prod.streamConsumer, startingPosition: StartingPosition.Latest },
  state: { kind: 'local', path: 'state/perf.tfstate' },
});

describe('stages', () => {
  let prod: SynthesizedStage;
  let perf: SynthesizedStage;
  beforeAll(() => {
    prod = synthStage(STAGES.prod);
    perf = synthStage(provisioned);
  });

  it('start every stage at TRIM_HORIZON with bounded retries and record age', () => {
    for (const config of Object.values(STAGES)) {
      expect(config.streamConsumer).toMatchObject({ startingPosition: 'TRIM_HORIZON', batchSize: 100 });
      expect(config.streamConsumer.maximumRetryAttempts).toBeGreaterThanOrEqual(0);
      expect(config.streamConsumer.maximumRecordAgeSeconds).toBeLessThanOrEqual(86_400);
    }
  });

  describe('prod', () => {
    it('protects its tables from deletion and keeps its key 30 days after a deletion request', () => {
      expect(prod.text).toHaveResourceWithProperties(DynamodbTable, { name: 'shop-prod-products', deletion_protection_enabled: true, billing_mode: 'PAY_PER_REQUEST' });
      expect(prod.text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    });

    it('applies its own function and mapping settings', () => {
      expect(prod.text).toHaveResourceWithProperties(LambdaFunction, {
        function_name: 'shop-prod-orders-api',
        memory_size: 1024,
        environment: { variables: expect.objectContaining({ POWERTOOLS_LOG_LEVEL: 'INFO' }) },
      });
      expect(prod.text).toHaveResourceWithProperties(LambdaEventSourceMapping, { parallelization_factor: 2, starting_position: 'TRIM_HORIZON' });
    });

    it('keeps state in S3, encrypted, with S3-native locking', () => {
      expect(prod.json.terraform?.['backend']).toEqual({
        s3: { bucket: 'shop-terraform-state-prod', key: 'shop/prod/terraform.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
      });
    });
  });

  describe('a provisioned stage', () => {
    it('provisions each table and index at the minimum and leaves capacity to autoscaling', () => {
      // Assess
      expect(perf.text).toHaveResourceWithProperties(DynamodbTable, {
        name: 'shop-perf-replenishment',
        billing_mode: 'PROVISIONED',
        read_capacity: 5,
        write_capacity: 10,
        lifecycle: { ignore_changes: ['read_capacity', 'write_capacity'] },
        global_secondary_index: [
          expect.objectContaining({ name: 'byProductId', read_capacity: 5, write_capacity: 10 }),
          expect.objectContaining({ name: 'openByCreatedAt', read_capacity: 5, write_capacity: 10 }),
        ],
      });
    });

    it('scales reads and writes of every table and index by target tracking', () => {
      // Prepare
      const targets = Object.values(perf.json.resource?.['aws_appautoscaling_target'] ?? {});

      // Assess: 3 tables + 2 indexes, read and write
      expect(targets).toHaveLength(10);
      expect(perf.text).toHaveResourceWithProperties(AppautoscalingTarget, {
        service_namespace: 'dynamodb',
        resource_id: 'table/${aws_dynamodb_table.replenishment.name}/index/byProductId',
        scalable_dimension: 'dynamodb:index:WriteCapacityUnits',
        min_capacity: 10,
        max_capacity: 400,
      });
      expect(perf.text).toHaveResourceWithProperties(AppautoscalingPolicy, {
        policy_type: 'TargetTrackingScaling',
        scalable_dimension: '${aws_appautoscaling_target.products_read.scalable_dimension}',
        target_tracking_scaling_policy_configuration: {
          target_value: 70,
          predefined_metric_specification: { predefined_metric_type: 'DynamoDBReadCapacityUtilization' },
        },
      });
    });

    it('honours a starting position and a local state path from the stage', () => {
      expect(perf.text).toHaveResourceWithProperties(LambdaEventSourceMapping, { starting_position: 'LATEST' });
      expect(perf.json.terraform?.['backend']).toEqual({ local: { path: '../../../state/perf.tfstate' } });
    });

    it('keeps on-demand stages free of autoscaling', () => {
      expect(prod.json.resource?.['aws_appautoscaling_target']).toBeUndefined();
    });
  });
});

describe('defineStage', () => {
  it('lists every problem of a stage at once', () => {
    // Prepare
    const input: StageConfigInput = {
      ...STAGES.dev,
      region: 'moon-1',
      streamConsumer: { ...STAGES.dev.streamConsumer, batchSize: 20_000, maximumRetryAttempts: -1, maximumRecordAgeSeconds: 604_800 },
      state: { kind: 'local', path: '/var/state/dev.tfstate' },
    };

    // Act
    const define = (): StageConfig => defineStage(input);

    // Assess
    expect(define).toThrow(StageConfigError);
    expect(define).toThrow(
      [
        'Stage "dev" is misconfigured:',
        '  - region: not an AWS region name',
        '  - streamConsumer.batchSize: Too big: expected number to be <=10000',
        '  - streamConsumer.maximumRetryAttempts: Too small: expected number to be >=0',
        '  - streamConsumer.maximumRecordAgeSeconds: Too big: expected number to be <=86400',
        '  - state.path: must be relative to infra/',
      ].join('\n'),
    );
  });

  it('refuses an autoscaling range whose minimum exceeds its maximum', () => {
    expect(() =>
      defineStage({
        ...STAGES.dev,
        tables: { deletionProtection: false, billing: { mode: 'PROVISIONED', read: { min: 50, max: 10, targetUtilizationPercent: 70 }, write: { min: 1, max: 10, targetUtilizationPercent: 70 } } },
      }),
    ).toThrow('tables.billing.read: min must not exceed max');
  });
});

describe('lambdaBundle', () => {
  it('points at dist/apps/<app>/main.js with handler main.handler', () => {
    expect(lambdaBundle(LambdaApp.OrdersApi)).toMatchObject({ app: 'orders-api', handler: 'main.handler', directory: expect.stringMatching(/dist\/apps\/orders-api$/) });
  });

  it('says which build to run when a bundle is missing', () => {
    // Prepare
    const root = mkdtempSync(path.join(tmpdir(), 'infra-bundles-'));

    try {
      // Act / Assess
      expect(() => lambdaBundle(LambdaApp.ReplenishmentConsumer, root)).toThrow(BundleNotBuiltError);
      expect(() => lambdaBundle(LambdaApp.ReplenishmentConsumer, root)).toThrow('npx nx run replenishment-consumer:build');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
