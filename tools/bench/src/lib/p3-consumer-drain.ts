import path from 'node:path';
import { PutItemCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { DEV_SYNTH_PATH } from '@shop/tools-local-stack';
import { createTables, describeTables, learnProductItem, writeBacklog } from './p3-backlog';
import { openDynamoDbLocal, timeDrains, type LocalDb } from './p3-drains';
import type { P3Details, P3Options } from './p3-types';
import { drainStream } from './stream-drain';
import { workspaceRoot } from './workspace-root';

export type { P3Details, P3Options, P3Round, P3RunDetails, P3Variant } from './p3-types';
/**
 * P3, consumer drain: a backlog of products × versions Products changes (each product falling below
 * its threshold once) drained by the event source mapping emulator and the consumer, against a
 * raw GetRecords drain of the same stream, alternating, on one DynamoDB Local.
 */
export async function runP3(options: P3Options, log: (line: string) => void): Promise<P3Details> {
  const first = await openDynamoDbLocal();
  let backlog: { template: Awaited<ReturnType<typeof learnProductItem>>; tables: TableDescription[]; shortfalls: number; records: number };
  try {
    const template = await learnProductItem(first.ddb.endpoint, first.client);
    const tables = await describeTables(first.client, [template.table, template.replenishmentTable]);
    const shortfalls = await writeBacklog(first.client, template.table, options, template);
    backlog = { template, tables, shortfalls, records: await drainStream(first.client, first.streams, template.table) };
  } finally {
    await first.stop();
  }
  const { template, shortfalls, records } = backlog;
  log(`P3: backlog of ${records} records (${shortfalls} shortfalls) written`);
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
  const synthPath = options.synthPath ?? path.join(workspaceRoot, DEV_SYNTH_PATH);
  const timed = await timeDrains({ ...options, synthPath }, async () => ({ db: await freshBacklog(), table: template.table, records, shortfalls }), log);
  return { options, ...timed };
}
