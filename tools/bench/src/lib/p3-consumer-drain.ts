import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { DEV_SYNTH_PATH, silentLogger, startLocalStack } from '@shop/tools-local-stack';
import { BenchCorrectnessError } from './errors';
import { loadAverage, type LoadAverage } from './machine';
import { mapConcurrently } from '@shop/shared-util-async';
import { createTables, describeTables, learnProductItem, writeBacklog } from './p3-backlog';
import { workspaceRoot } from './workspace-root';
import { median } from './stats';
import { drainStream } from './stream-drain';

export interface P3Options {
  readonly products: number;
  /** Changes per product: one INSERT, then stock one lower each time (products × versions records). */
  readonly versions: number;
  readonly rounds: number;
  readonly iamModes: ReadonlyArray<'enforce' | 'off'>;
  /** Every product's reorder threshold: stock runs 60 → 61 − versions, so 20 makes each product cross once, 5 makes none cross. Default 20. */
  readonly threshold?: number;
  /** The synthesized stack to run; default the dev synth. */
  readonly synthPath?: string;
}

export interface P3Round {
  readonly rawMs: number;
  readonly emulatorMs: number;
  readonly invocations: number;
  /** Time spent inside the consumer's invocations (each as the stack's Lambda runtime measured it), summed. */
  readonly handlerMs: number;
  /** From the stack's start to the end of its first invocation: the function instance's cold start, mostly. */
  readonly firstInvocationMs?: number;
  /** The consumer's writes done raw: the replenishment orders it wrote, put again (conditional, 16 at once) into an empty copy of their table. */
  readonly writeFloorMs?: number;
  readonly load: LoadAverage;
}

export interface P3Details {
  readonly options: P3Options;
  readonly records: number;
  readonly crossings: number;
  readonly modes: ReadonlyArray<{
    readonly iam: 'enforce' | 'off';
    readonly rounds: readonly P3Round[];
    /** Records per second, medians over the rounds. */
    readonly rawRate: number;
    readonly emulatorRate: number;
    /** Emulator rate / raw rate. */
    readonly ratio: number;
    /** (raw drain + the same writes done raw) / emulator + handler, medians: how close to what DynamoDB Local itself needs. */
    readonly floorRatio?: number;
  }>;
}

/** One backlog's figures, labelled. */
export type P3Variant = P3Details & { readonly label: string };

/** What `bench:p3` records: the backlog with crossings and the one without. */
export interface P3RunDetails {
  readonly variants: readonly P3Variant[];
}

const WRITE_CONCURRENCY = 16;

/** Starts the stack in-process on the backlog (TRIM_HORIZON, fresh checkpoints) and times the mapping until it has seen every record. */
interface EmulatorDrain {
  readonly ms: number;
  readonly invocations: number;
  readonly handlerMs: number;
  readonly firstInvocationMs: number | undefined;
  readonly replenishmentTable: string | undefined;
}

async function emulatorDrain(synthPath: string, dynamodbEndpoint: string, iam: 'enforce' | 'off', records: number): Promise<EmulatorDrain> {
  let handlerMs = 0;
  let firstInvocationMs: number | undefined;
  let started = performance.now();
  const stack = await startLocalStack({
    synthPath,
    stateDirectory: mkdtempSync(path.join(tmpdir(), 'shop-bench-p3-')),
    dynamodbEndpoint,
    port: 0,
    iamMode: iam,
    logger: silentLogger,
    onProcessorEvent: (_mapping, event) => {
      if (event.type !== 'invoked') return;
      handlerMs += event.result.durationMs;
      firstInvocationMs ??= performance.now() - started;
    },
  });
  started = performance.now();
  try {
    for (;;) {
      const [status] = stack.pollerStatus();
      if (!status) throw new BenchCorrectnessError('P3', 'the stack has no event source mapping');
      const { counts, Invocations } = status.metrics;
      if (counts.FailedInvokeEventCount > 0) throw new BenchCorrectnessError('P3', `${counts.FailedInvokeEventCount} records failed in the consumer`);
      if (counts.InvokedEventCount + counts.FilteredOutEventCount >= records) {
        return {
          ms: performance.now() - started,
          invocations: Invocations,
          handlerMs: Math.round(handlerMs),
          firstInvocationMs: firstInvocationMs === undefined ? undefined : Math.round(firstInvocationMs),
          replenishmentTable: stack.stackFile.tables[ReplenishmentTable.id],
        };
      }
      if (performance.now() - started > 300_000) throw new BenchCorrectnessError('P3', `the mapping had not processed ${records} records after 5 minutes: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await stack.stop();
  }
}

/**
 * The consumer's writes without the consumer: every replenishment order it wrote, put again with
 * the same condition (`attribute_not_exists` on the key), WRITE_CONCURRENCY at once, into an
 * empty copy of its table (DescribeTable → CreateTable: same keys and indexes). DynamoDB Local
 * needs this time on top of the raw drain whatever the consumer does.
 */
async function timeWriteFloor(ddb: DynamoDBClient, table: string, copyName: string): Promise<number> {
  const { Table: description } = await ddb.send(new DescribeTableCommand({ TableName: table }));
  const hashKey = description?.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  if (!description || !hashKey) throw new BenchCorrectnessError('P3', `cannot describe ${table}`);
  await ddb.send(
    new CreateTableCommand({
      TableName: copyName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: description.AttributeDefinitions,
      KeySchema: description.KeySchema,
      ...(description.GlobalSecondaryIndexes && {
        GlobalSecondaryIndexes: description.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
      }),
    }),
  );
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const started = performance.now();
  await mapConcurrently(items, WRITE_CONCURRENCY, (item) =>
    ddb.send(new PutItemCommand({ TableName: copyName, Item: item, ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': hashKey } })),
  );
  return performance.now() - started;
}

/**
 * P3, consumer drain: a backlog of products × versions Products changes (each product crossing
 * its threshold once) drained by the event source mapping emulator and the consumer, against a
 * raw GetRecords drain of the same stream, alternating, on one DynamoDB Local.
 */
export async function runP3(options: P3Options, log: (line: string) => void): Promise<P3Details> {
  const first = await openDynamoDbLocal();
  let backlog: { template: Awaited<ReturnType<typeof learnProductItem>>; tables: TableDescription[]; crossings: number; records: number };
  try {
    const template = await learnProductItem(first.ddb.endpoint, first.client);
    const tables = await describeTables(first.client, [template.table, template.replenishmentTable]);
    const crossings = await writeBacklog(first.client, template.table, options, template);
    backlog = { template, tables, crossings, records: await drainStream(first.client, first.streams, template.table) };
  } finally {
    await first.stop();
  }
  const { template, crossings, records } = backlog;
  log(`P3: backlog of ${records} records (${crossings} crossings) written`);
  /**
   * A DynamoDB Local of its own for each round, holding exactly the backlog: the consumer writes
   * onOrder back to the stream it reads and leaves orders behind, so two emulator drains cannot
   * share one (and deleting tables in DynamoDB Local takes minutes).
   */
  const freshBacklog = async (): Promise<LocalDb> => {
    const db = await openDynamoDbLocal();
    await createTables(db.client, backlog.tables);
    await db.client.send(new PutItemCommand({ TableName: template.table, Item: template.item }));
    await writeBacklog(db.client, template.table, options, template);
    return db;
  };
  const modes: Array<P3Details['modes'][number]> = [];
  for (const iam of options.iamModes) {
    const rounds: P3Round[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const db = await freshBacklog();
      try {
        const load = loadAverage();
        const timeRaw = async (): Promise<number> => {
          const started = performance.now();
          // After the emulator's drain the stream also holds the consumer's onOrder writes: the raw drain reads the backlog.
          const read = await drainStream(db.client, db.streams, template.table, records);
          if (read !== records) throw new BenchCorrectnessError('P3', `the raw drain read ${read} records, expected ${records}`);
          return performance.now() - started;
        };
        const timeEmulator = (): Promise<EmulatorDrain> => emulatorDrain(options.synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH), db.ddb.endpoint, iam, records);
        let rawMs: number;
        let emulator: EmulatorDrain;
        if (round % 2 === 0) {
          rawMs = await timeRaw();
          emulator = await timeEmulator();
        } else {
          emulator = await timeEmulator();
          rawMs = await timeRaw();
        }
        const writeFloorMs =
          crossings > 0 && emulator.replenishmentTable ? Math.round(await timeWriteFloor(db.client, emulator.replenishmentTable, `bench-p3-floor-${iam}-${round}`)) : undefined;
        rounds.push({
          rawMs: Math.round(rawMs),
          emulatorMs: Math.round(emulator.ms),
          invocations: emulator.invocations,
          handlerMs: emulator.handlerMs,
          firstInvocationMs: emulator.firstInvocationMs,
          writeFloorMs,
          load,
        });
        log(
          `P3 [iam ${iam}] round ${round + 1}: raw ${Math.round(rawMs)} ms, emulator + handler ${Math.round(emulator.ms)} ms (${emulator.invocations} invocations, ` +
            `${emulator.handlerMs} ms in them, first done after ${emulator.firstInvocationMs} ms)${writeFloorMs === undefined ? '' : `, the ${crossings} writes raw ${writeFloorMs} ms`}, load ${load[0]}`,
        );
      } finally {
        await db.stop();
      }
    }
    const rawRate = Math.round((records * 1000) / median(rounds.map((r) => r.rawMs)));
    const emulatorRate = Math.round((records * 1000) / median(rounds.map((r) => r.emulatorMs)));
    const floorMs = median(rounds.map((r) => r.rawMs + (r.writeFloorMs ?? 0)));
    const floorRatio = Math.round((floorMs / median(rounds.map((r) => r.emulatorMs))) * 1000) / 1000;
    modes.push({ iam, rounds, rawRate, emulatorRate, ratio: Math.round((emulatorRate / rawRate) * 1000) / 1000, floorRatio });
  }
  return { options, records, crossings, modes };
}

/** A DynamoDB Local with a table client and a streams client on it. */
interface LocalDb {
  readonly ddb: DynamoDbLocal;
  readonly client: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  stop(): Promise<void>;
}

async function openDynamoDbLocal(): Promise<LocalDb> {
  const ddb = await startDynamoDbLocal();
  const config = { endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const client = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  return {
    ddb,
    client,
    streams,
    stop: async () => {
      client.destroy();
      streams.destroy();
      await ddb.stop();
    },
  };
}
