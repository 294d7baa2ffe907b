/**
 * The redrive against AWS: an SQS on-failure message exactly as Lambda writes it (metadata only),
 * the records read back from the stream by sequence number, the function invoked with
 * lambda:InvokeFunction. SQS and Lambda are mocked (nothing here has an AWS account); the stream
 * is DynamoDB Local's, through the same Streams API.
 */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { InvalidOnFailureMessageError, StreamRecordsUnavailableError } from '../errors';
import { provisionTables, type ProvisionedTable } from '../provisioning/provision-tables';
import { readTableDefinitions } from '../provisioning/table-definition';
import { toDynamoDbLocalStreamArn } from './dynamodb-local-stream-arn';
import { TerraformDocument } from '@shop/shared-util-terraform-json';
import { writeFixtureStack } from '../../testing/stack-fixtures';
import { temporaryStackDirectory, uniquePrefix } from '../../testing/terraform-fixtures';
import { AwsLambdaInvoker } from './aws-lambda-invoker';
import { redriveMessages, showMessage, type DlqContext } from './dlq-commands';
import { SqsDlqSource } from './sqs-dlq-source';
import { readFailedBatch } from './stream-batch-reader';
import { mappingSettingsForFunction } from './synth-mapping-settings';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/shop-dev-replenishment-consumer-dlq';
const dynamodb = new DynamoDBClient({});
const streams = new DynamoDBStreamsClient({});
const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
afterAll(() => {
  dynamodb.destroy();
  streams.destroy();
});
afterEach(() => {
  sqs.reset();
  lambda.reset();
});

interface Written {
  readonly synth: TerraformDocument;
  readonly table: ProvisionedTable;
  readonly functionArn: string;
  readonly shardId: string;
  /** Sequence numbers of: INSERT a, INSERT b, REMOVE a, INSERT c. */
  readonly sequenceNumbers: string[];
}

/** A fixture table with its stream (the mapping keeps INSERT and MODIFY), and four changes in it. */
async function writeChanges(): Promise<Written> {
  const prefix = uniquePrefix('dlq');
  const synthPath = writeFixtureStack({ prefix, stackDirectory: temporaryStackDirectory(), mapping: { function_response_types: ['ReportBatchItemFailures'], filter_criteria: { filter: [{ pattern: '{"eventName":["INSERT","MODIFY"]}' }] } } });
  const synth = TerraformDocument.load(synthPath);
  const [table] = await provisionTables(dynamodb, readTableDefinitions(synth), 'us-east-1');
  if (!table?.stream) throw new Error('no stream');
  const TableName = table.tableName;
  await dynamodb.send(new PutItemCommand({ TableName, Item: { productId: { S: 'a' } } }));
  await dynamodb.send(new PutItemCommand({ TableName, Item: { productId: { S: 'b' } } }));
  await dynamodb.send(new DeleteItemCommand({ TableName, Key: { productId: { S: 'a' } } }));
  await dynamodb.send(new PutItemCommand({ TableName, Item: { productId: { S: 'c' } } }));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: table.stream.localArn }));
  const shardId = StreamDescription?.Shards?.[0]?.ShardId as string;
  const iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: table.stream.localArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
  return { synth, table, functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${prefix}-consumer`, shardId, sequenceNumbers: (Records ?? []).map((r) => r.dynamodb?.SequenceNumber as string) };
}

/** The body of an SQS on-failure message, written out the way Lambda writes it for a DynamoDB stream. */
const awsMessageBody = (written: Written, start: string, end: string): string =>
  `{"requestContext":{"requestId":"316aa6d0-8154-4f1e-9af7-85d5f4a6bc81","functionArn":"${written.functionArn}","condition":"RetryAttemptsExhausted","approximateInvokeCount":11},` +
  `"responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},"version":"1.0","timestamp":"2026-11-27T00:13:49.717Z",` +
  `"DDBStreamBatchInfo":{"shardId":"${written.shardId}","startSequenceNumber":"${start}","endSequenceNumber":"${end}",` +
  `"approximateArrivalOfFirstRecord":"2026-11-27T00:13:19Z","approximateArrivalOfLastRecord":"2026-11-27T00:13:19Z","batchSize":3,"streamArn":"${written.table.stream?.arn}"}}`;

function awsContext(written: Written, lines: string[]): DlqContext {
  return {
    source: new SqsDlqSource(new SQSClient({ region: 'us-east-1' }), QUEUE_URL),
    readFromStream: (record) => readFailedBatch(streams, record, { requestStreamArn: toDynamoDbLocalStreamArn }),
    invokerFor: (functionArn) => new AwsLambdaInvoker(new LambdaClient({ region: 'us-east-1' }), functionArn),
    mappingFor: (functionArn) => mappingSettingsForFunction(written.synth, functionArn.split(':')[6] ?? '')[0],
    out: (line) => lines.push(line),
  };
}

const queued = (body: string) => ({ Messages: [{ MessageId: '5fea7756-0ea4-451a-a703-a558b933e274', ReceiptHandle: 'receipt-1', Body: body, Attributes: { SentTimestamp: '1795000000000' } }] });

describe('DLQ redrive against AWS', () => {
  it('reads the failed records back from the stream by sequence number, invokes the function, and deletes the message', async () => {
    // Prepare: the batch a..c failed; the REMOVE of a in the middle was never in it (filtered out).
    const written = await writeChanges();
    const [insertA, insertB, , insertC] = written.sequenceNumbers;
    sqs.on(ReceiveMessageCommand).resolves(queued(awsMessageBody(written, insertA as string, insertC as string)));
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: new TextEncoder().encode('{"batchItemFailures":[]}') as never });
    const lines: string[] = [];

    // Act
    const [result] = await redriveMessages(awsContext(written, lines), ['5fea7756'], { apply: true });

    // Assess
    expect(result?.outcome).toMatchObject({ kind: 'redriven', records: 3 });
    const [invoke] = lambda.commandCalls(InvokeCommand);
    expect(invoke?.args[0].input).toMatchObject({ FunctionName: written.functionArn, InvocationType: 'RequestResponse' });
    const event = JSON.parse(new TextDecoder().decode(invoke?.args[0].input.Payload as Uint8Array)) as DynamoDBStreamEvent;
    expect(event.Records.map((r) => [r.eventName, r.dynamodb?.Keys?.['productId']?.S, r.dynamodb?.SequenceNumber])).toEqual([
      ['INSERT', 'a', insertA],
      ['INSERT', 'b', insertB],
      ['INSERT', 'c', insertC],
    ]);
    expect(event.Records[0]).toMatchObject({ eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', eventSourceARN: written.table.stream?.arn, dynamodb: { ApproximateCreationDateTime: expect.any(Number) } });
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([{ QueueUrl: QUEUE_URL, ReceiptHandle: 'receipt-1' }]);
    expect(lines.at(-1)).toContain('the function succeeded');
  });

  it('shows the message with its records in a dry run, and releases it untouched', async () => {
    // Prepare
    const written = await writeChanges();
    sqs.on(ReceiveMessageCommand).resolves(queued(awsMessageBody(written, written.sequenceNumbers[1] as string, written.sequenceNumbers[1] as string)));
    const lines: string[] = [];
    const context = awsContext(written, lines);

    // Act
    const plan = await showMessage(context, '5fea7756-0ea4-451a-a703-a558b933e274');
    const [dryRun] = await redriveMessages(context, ['5fea7756']);

    // Assess
    expect(plan.records.map((r) => r.dynamodb?.Keys?.['productId']?.S)).toEqual(['b']);
    expect(dryRun?.outcome).toBeUndefined();
    expect(lines.at(-1)).toMatch(/^Dry run: would deliver 1 record .* Run again with --apply to redrive\.$/);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(sqs.commandCalls(DeleteMessageCommand)).toEqual([]);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input.VisibilityTimeout)).toEqual([0, 0]);
  });

  it('keeps the message when the function fails or reports a record as failed', async () => {
    // Prepare
    const written = await writeChanges();
    const [insertA, insertB] = written.sequenceNumbers;
    sqs.on(ReceiveMessageCommand).resolves(queued(awsMessageBody(written, insertA as string, insertB as string)));
    lambda
      .on(InvokeCommand)
      .resolvesOnce({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode('{"errorType":"Error","errorMessage":"still broken","trace":[]}') as never })
      .resolvesOnce({ StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify({ batchItemFailures: [{ itemIdentifier: insertB }] })) as never });
    const context = awsContext(written, []);

    // Act
    const [thrown] = await redriveMessages(context, ['5fea7756'], { apply: true });
    const [reported] = await redriveMessages(context, ['5fea7756'], { apply: true });

    // Assess
    expect(thrown?.outcome).toMatchObject({ kind: 'failed', reason: 'Error: still broken' });
    expect(reported?.outcome).toMatchObject({ kind: 'failed', reason: `the function reported record ${insertB} as failed` });
    expect(sqs.commandCalls(DeleteMessageCommand)).toEqual([]);
  });

  it('refuses a range the stream no longer holds, and a body that is not an on-failure record', async () => {
    // Prepare
    const written = await writeChanges();
    const gone = '000000000000000000000';
    sqs.on(ReceiveMessageCommand).resolvesOnce(queued(awsMessageBody(written, gone, gone))).resolvesOnce(queued('{"Records":[]}'));
    const context = awsContext(written, []);

    // Act & Assess
    await expect(redriveMessages(context, ['5fea7756'], { apply: true })).rejects.toThrow(StreamRecordsUnavailableError);
    await expect(redriveMessages(context, ['5fea7756'], { apply: true })).rejects.toThrow(InvalidOnFailureMessageError);
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
  });
});
