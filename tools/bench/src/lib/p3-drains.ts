import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ReplenishmentTable } from '@shop/shared-table-design';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '@shop/tools-dynamodb-local';
import { createLogger, startLocalStack } from '@shop/tools-local-stack';
import { ReplenishmentMetric } from '@shop/shared-util-lambda';
import { BenchCorrectnessError } from './errors';
import { loadAverage } from './machine';
import type { P3Details, P3Round } from './p3-types';
import { median } from './stats';
import { timeWriteFloor } from './p3-write-floor';
import { drainStream, type StreamPosition } from './stream-drain';

/*
 * The timed parts of P3, whatever wrote the backlog: the event source mapping emulator + the
 * consumer draining it, a raw GetRecords drain of the same records, and the consumer's writes done
 * raw; rounds alternate (ABBA), each on a DynamoDB Local of its own holding exactly the backlog.
 */


/** Starts the stack in-process on the backlog (TRIM_HORIZON with fresh checkpoints, or a writer's saved ones) and times the mapping until it has seen every backlog record. */
interface EmulatorDrain {
  readonly ms: number;
  /** startLocalStack until it returned (warm instances included), not part of `ms`. */
  readonly stackStartMs: number;
  /** The consumer's transactions, from its metrics: orders created, and images no longer current (the condition failed). */
  readonly transactions: { readonly created: number; readonly superseded: number };
  readonly invocations: number;
  readonly handlerMs: number;
  readonly firstInvocationMs: number | undefined;
  readonly replenishmentTable: string | undefined;
}

async function emulatorDrain(synthPath: string, dynamodbEndpoint: string, iam: 'enforce' | 'off', records: number, persistDirectory: string | undefined): Promise<EmulatorDrain> {
  let handlerMs = 0;
  let firstInvocationMs: number | undefined;
  let firstFailure: string | undefined;
  const transactions = { created: 0, superseded: 0 };
  // The consumer's embedded metrics reach the stack's log as one debug line per invocation (no other debug line is asked for).
  const logger = createLogger({
    format: 'json',
    level: 'debug',
    sink: {
      writeLine: (line) => {
        const fields = JSON.parse(line) as Record<string, unknown>;
        if (fields['message'] !== 'metrics') return;
        transactions.created += Number(fields[ReplenishmentMetric.OrdersCreated] ?? 0);
        transactions.superseded += Number(fields[ReplenishmentMetric.SupersededDecisions] ?? 0);
      },
    },
  });
  let started = performance.now();
  const stack = await startLocalStack({
    synthPath,
    stateDirectory: mkdtempSync(path.join(tmpdir(), 'shop-bench-p3-')),
    dynamodbEndpoint,
    port: 0,
    iamMode: iam,
    // With the checkpoints of the stack that wrote part of the stream before the backlog: resume after them.
    ...(persistDirectory !== undefined && { persistDirectory }),
    logger,
    onProcessorEvent: (_mapping, event) => {
      if (event.type !== 'invoked') return;
      if (!event.result.ok) firstFailure ??= `${event.result.kind} ${event.result.error.errorType}: ${event.result.error.errorMessage}`;
      handlerMs += event.result.durationMs;
      firstInvocationMs ??= performance.now() - started;
    },
  });
  const stackStartMs = Math.round(performance.now() - started);
  started = performance.now();
  try {
    for (;;) {
      const [status] = stack.pollerStatus();
      if (!status) throw new BenchCorrectnessError('P3', 'the stack has no event source mapping');
      const { counts, Invocations } = status.metrics;
      if (counts.FailedInvokeEventCount > 0) throw new BenchCorrectnessError('P3', `${counts.FailedInvokeEventCount} records failed in the consumer (first: ${firstFailure ?? 'a partial batch failure'})`);
      if (counts.InvokedEventCount + counts.FilteredOutEventCount >= records) {
        return {
          ms: performance.now() - started,
          stackStartMs,
          transactions,
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
    // The function's last metric lines cross from its worker after its last answer: let them arrive (untimed).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.stop();
  }
}

/** One round's backlog, in a DynamoDB Local of its own. */
export interface RoundBacklog {
  readonly db: LocalDb;
  readonly table: string;
  /** Products stream records in the backlog (what the drains must get through). */
  readonly records: number;
  readonly shortfalls: number;
  /** Where the backlog starts in the stream when records before it were already processed (their checkpoints are in persistDirectory). */
  readonly startAfter?: StreamPosition;
  readonly persistDirectory?: string;
  /** Keys of the replenishment orders already written when the drain starts (not the drain's writes). */
  readonly replenishmentsBefore?: ReadonlySet<string>;
}

/**
 * Per IAM mode, `rounds` rounds of: a fresh backlog, then raw drain and emulator drain in
 * alternating order, then (with shortfalls) the consumer's replenishment writes done raw.
 */
export async function timeDrains(
  options: { readonly iamModes: ReadonlyArray<'enforce' | 'off'>; readonly rounds: number; readonly synthPath: string },
  freshBacklog: () => Promise<RoundBacklog>,
  log: (line: string) => void,
): Promise<Pick<P3Details, 'records' | 'shortfalls' | 'modes'>> {
  const modes: Array<P3Details['modes'][number]> = [];
  let sizes: { records: number; shortfalls: number } | undefined;
  for (const iam of options.iamModes) {
    const rounds: P3Round[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const backlog = await freshBacklog();
      const { db, records, shortfalls } = backlog;
      try {
        if (sizes && (sizes.records !== records || sizes.shortfalls !== shortfalls)) throw new BenchCorrectnessError('P3', `rounds differ: ${JSON.stringify(sizes)} vs ${records} records, ${shortfalls} shortfalls`);
        sizes = { records, shortfalls };
        const load = loadAverage();
        const timeRaw = async (asSent: boolean): Promise<number> => {
          const started = performance.now();
          // After the emulator's drain the stream also holds the consumer's writes: the raw drain reads the backlog.
          const read = await drainStream(db.client, db.streams, backlog.table, records, backlog.startAfter, { asSent });
          if (read !== records) throw new BenchCorrectnessError('P3', `the raw drain read ${read} records, expected ${records}`);
          return performance.now() - started;
        };
        const timeEmulator = (): Promise<EmulatorDrain> => emulatorDrain(options.synthPath, db.ddb.endpoint, iam, records, backlog.persistDirectory);
        let rawMs: number;
        let rawAsSentMs: number;
        let emulator: EmulatorDrain;
        if (round % 2 === 0) {
          rawMs = await timeRaw(false);
          rawAsSentMs = await timeRaw(true);
          emulator = await timeEmulator();
        } else {
          emulator = await timeEmulator();
          rawAsSentMs = await timeRaw(true);
          rawMs = await timeRaw(false);
        }
        const floor =
          shortfalls > 0 && emulator.replenishmentTable
            ? await timeWriteFloor(db.client, { replenishment: emulator.replenishmentTable, products: backlog.table }, `bench-p3-floor-${iam}-${round}`, backlog.replenishmentsBefore ?? new Set())
            : undefined;
        const writeFloorMs = floor && Math.round(floor.transactionsMs);
        const putFloorMs = floor && Math.round(floor.putsMs);
        rounds.push({
          rawMs: Math.round(rawMs),
          rawAsSentMs: Math.round(rawAsSentMs),
          emulatorMs: Math.round(emulator.ms),
          invocations: emulator.invocations,
          handlerMs: emulator.handlerMs,
          firstInvocationMs: emulator.firstInvocationMs,
          stackStartMs: emulator.stackStartMs,
          transactions: emulator.transactions,
          writeFloorMs,
          putFloorMs,
          load,
        });
        log(
          `P3 [iam ${iam}] round ${round + 1}: raw ${Math.round(rawMs)} ms (parsed as sent ${Math.round(rawAsSentMs)} ms), emulator + handler ${Math.round(emulator.ms)} ms (${emulator.invocations} invocations, ` +
            `${emulator.handlerMs} ms in them, first done after ${emulator.firstInvocationMs} ms, stack start ${emulator.stackStartMs} ms before it; transactions ${emulator.transactions.created} created, ${emulator.transactions.superseded} superseded)` +
            `${floor === undefined ? '' : `, the same transactions raw ${writeFloorMs} ms (the orders alone put raw ${putFloorMs} ms)`}, load ${load[0]}`,
        );
      } finally {
        await db.stop();
      }
    }
    const records = sizes?.records ?? 0;
    const rawRate = Math.round((records * 1000) / median(rounds.map((r) => r.rawMs)));
    const rawAsSentRate = Math.round((records * 1000) / median(rounds.map((r) => r.rawAsSentMs ?? r.rawMs)));
    const emulatorRate = Math.round((records * 1000) / median(rounds.map((r) => r.emulatorMs)));
    const floorMs = median(rounds.map((r) => r.rawMs + (r.writeFloorMs ?? 0)));
    const emulatorMs = median(rounds.map((r) => r.emulatorMs));
    const floorRatio = Math.round((floorMs / emulatorMs) * 1000) / 1000;
    const putFloorRatio = Math.round((median(rounds.map((r) => r.rawMs + (r.putFloorMs ?? 0))) / emulatorMs) * 1000) / 1000;
    const ratio = (rate: number): number => Math.round((emulatorRate / rate) * 1000) / 1000;
    modes.push({ iam, rounds, rawRate, emulatorRate, ratio: ratio(rawRate), asSentRatio: ratio(rawAsSentRate), floorRatio, putFloorRatio });
  }
  return { records: sizes?.records ?? 0, shortfalls: sizes?.shortfalls ?? 0, modes };
}

/** A DynamoDB Local with a table client and a streams client on it. */
export interface LocalDb {
  readonly ddb: DynamoDbLocal;
  readonly client: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  stop(): Promise<void>;
}

export async function openDynamoDbLocal(): Promise<LocalDb> {
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
