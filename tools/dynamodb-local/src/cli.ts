/**
 * `npx tsx tools/dynamodb-local/src/cli.ts [--port N] [--db-path DIR]`: runs DynamoDB Local in the
 * foreground until Ctrl-C / SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'db-path': { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new RangeError(`--port must be a TCP port number (1-65535), got "${values.port}"`);
  }
  const ddb = await startDynamoDbLocal({ port, dbPath: values['db-path'] });
  console.log(`DynamoDB Local is up: ${ddb.endpoint} (${ddb.dbPath ? `data in ${ddb.dbPath}` : 'in memory'})`);
  console.log(`  export AWS_ENDPOINT_URL_DYNAMODB=${ddb.endpoint} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`);
  console.log('Ctrl-C stops it.');
  const stop = (): void => {
    void ddb.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`DynamoDB Local did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
