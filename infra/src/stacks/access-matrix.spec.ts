import { createSynthAccessEvaluator, Decision, type PolicyStatement, type SynthAccessEvaluator } from '@shop/shared-util-iam-policy';
import { STAGES } from '../config/stages';
import { findAccessMismatches, type AccessCase } from '../testing/access-matrix';
import { synthStage } from '../testing/synth-stage';
import type { TerraformJson } from '@shop/shared-util-terraform-json';

const { Allow, ImplicitDeny, ExplicitDeny } = Decision;
const STREAM_LABEL = '2026-01-01T00:00:00.000';
const ROLES = ['orders_api', 'replenishment_consumer'] as const;
type Role = (typeof ROLES)[number];

const dynamodb = (...actions: string[]): string[] => actions.map((action) => `dynamodb:${action}`);
// Everything a principal can do to a table's data or the table itself, on the table ARN.
const TABLE_ACTIONS = dynamodb('GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchGetItem', 'BatchWriteItem', 'Query', 'Scan', 'DescribeTable', 'DeleteTable');
const INDEX_ACTIONS = dynamodb('Query', 'Scan');
const STREAM_ACTIONS = dynamodb('DescribeStream', 'GetRecords', 'GetShardIterator');

/** The specification: exactly these calls are allowed on DynamoDB; every other row of the matrix is denied. */
const GRANTED: Readonly<Record<Role, Readonly<Record<string, readonly string[]>>>> = {
  orders_api: {
    products: dynamodb('GetItem', 'UpdateItem'),
    orders: dynamodb('GetItem', 'PutItem'),
    replenishment: dynamodb('GetItem', 'UpdateItem'),
    'replenishment index byProductId': dynamodb('Query'),
    'replenishment index openByCreatedAt': dynamodb('Query'),
  },
  replenishment_consumer: {
    'products stream': STREAM_ACTIONS,
    // Its UpdateItem on products is granted only for named attributes: see the attribute rows. It
    // decides from the stream's images, so it never reads a product.
    products: [],
    replenishment: dynamodb('PutItem'),
  },
};

function dynamoDbMatrix(iam: SynthAccessEvaluator): AccessCase[] {
  const table = (name: string): string => iam.value(`aws_dynamodb_table.${name}.arn`);
  const targets: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    ['products', table('products'), TABLE_ACTIONS],
    ['orders', table('orders'), TABLE_ACTIONS],
    ['replenishment', table('replenishment'), TABLE_ACTIONS],
    ['replenishment index byProductId', `${table('replenishment')}/index/byProductId`, INDEX_ACTIONS],
    ['replenishment index openByCreatedAt', `${table('replenishment')}/index/openByCreatedAt`, INDEX_ACTIONS],
    ['products stream', iam.value('aws_dynamodb_table.products.stream_arn'), STREAM_ACTIONS],
  ];
  return ROLES.flatMap((role) =>
    targets.flatMap(([target, resource, actions]) =>
      actions.map((action) => ({ role, action, resource, target, expected: GRANTED[role][target]?.includes(action) ? Allow : ImplicitDeny })),
    ),
  );
}

function serviceMatrix(iam: SynthAccessEvaluator): AccessCase[] {
  const { region } = iam.environment;
  const dlq = iam.value('aws_sqs_queue.replenishment_consumer_dlq.arn');
  const key = iam.value('aws_kms_key.data_key.arn');
  const viaDynamoDb = { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` };
  const viaSqs = { 'kms:ViaService': `sqs.${region}.amazonaws.com` };
  const logStream = (role: Role): string => `${iam.value(`aws_cloudwatch_log_group.${role}.arn`)}:log-stream:2026/01/01/[$LATEST]abc`;
  const row = (role: Role, action: string, target: string, resource: string, expected: Decision, context?: Record<string, string>): AccessCase => ({
    role,
    action,
    target,
    resource,
    expected,
    ...(context ? { context } : {}),
  });
  return [
    // ListStreams takes no resource: scoped to the stream ARN it grants nothing, so no role can list streams.
    ...ROLES.map((role) => row(role, 'dynamodb:ListStreams', '*', '*', ImplicitDeny)),
    row('replenishment_consumer', 'sqs:SendMessage', 'DLQ', dlq, Allow),
    row('replenishment_consumer', 'sqs:SendMessage', 'DLQ', dlq, ExplicitDeny, { 'aws:SecureTransport': 'false' }),
    row('replenishment_consumer', 'sqs:ReceiveMessage', 'DLQ', dlq, ImplicitDeny),
    row('replenishment_consumer', 'sqs:PurgeQueue', 'DLQ', dlq, ImplicitDeny),
    row('orders_api', 'sqs:SendMessage', 'DLQ', dlq, ImplicitDeny),
    ...ROLES.flatMap((role) => [
      row(role, 'kms:Decrypt', 'data key', key, Allow, viaDynamoDb),
      row(role, 'kms:GenerateDataKey', 'data key', key, Allow, viaDynamoDb),
      row(role, 'kms:Decrypt', 'data key', key, ImplicitDeny),
      row(role, 'kms:CreateGrant', 'data key', key, ImplicitDeny, viaDynamoDb),
      row(role, 'kms:ScheduleKeyDeletion', 'data key', key, ImplicitDeny),
      row(role, 'xray:PutTraceSegments', '*', '*', Allow),
    ]),
    row('replenishment_consumer', 'kms:GenerateDataKey', 'data key', key, Allow, viaSqs),
    row('orders_api', 'kms:GenerateDataKey', 'data key', key, ImplicitDeny, viaSqs),
    row('orders_api', 'logs:PutLogEvents', 'own log group', logStream('orders_api'), Allow),
    row('orders_api', 'logs:CreateLogStream', 'own log group', logStream('orders_api'), Allow),
    row('orders_api', 'logs:PutLogEvents', "consumer's log group", logStream('replenishment_consumer'), ImplicitDeny),
    row('replenishment_consumer', 'logs:PutLogEvents', 'own log group', logStream('replenishment_consumer'), Allow),
    row('replenishment_consumer', 'logs:PutLogEvents', "orders API's log group", logStream('orders_api'), ImplicitDeny),
  ];
}

const actionsOf = (statement: PolicyStatement): string[] => [statement['Action'] ?? []].flat() as string[];
const resourcesOf = (statement: PolicyStatement): string[] => [statement['Resource'] ?? []].flat() as string[];

describe('access matrix (dev)', () => {
  let json: TerraformJson;
  let iam: SynthAccessEvaluator;
  beforeAll(() => {
    json = synthStage(STAGES.dev).json;
    iam = createSynthAccessEvaluator(json, { streamLabel: () => STREAM_LABEL });
  });

  it('allows each role exactly its DynamoDB calls: nobody scans or deletes, the consumer cannot write Orders or Products, the API cannot touch the stream', async () => {
    // Prepare
    const cases = dynamoDbMatrix(iam);

    // Act
    const mismatches = await findAccessMismatches(iam, cases);

    // Assess
    expect(cases).toHaveLength(2 * (3 * TABLE_ACTIONS.length + 2 * INDEX_ACTIONS.length + STREAM_ACTIONS.length));
    expect(mismatches).toEqual([]);
  });

  it('lets the consumer update a product only in its key, onOrder, version and lastChange, never its stock or policy', async () => {
    // Prepare
    const products = iam.value('aws_dynamodb_table.products.arn');
    const update = (attributes: readonly string[], expected: Decision): AccessCase => ({
      role: 'replenishment_consumer',
      action: 'dynamodb:UpdateItem',
      resource: products,
      target: `products [${attributes.join(', ')}]`,
      context: { 'dynamodb:Attributes': attributes },
      expected,
    });
    const cases = [
      update(['productId', 'onOrder', 'version', 'lastChange'], Allow),
      update(['productId', 'onOrder', 'version'], Allow),
      update(['productId', 'onOrder'], Allow),
      update(['productId', 'onOrder', 'version', 'lastChange', 'name'], ImplicitDeny),
      update(['productId', 'stock'], ImplicitDeny),
      update(['productId', 'onOrder', 'version', 'stock'], ImplicitDeny),
      update(['productId', 'reorderThreshold'], ImplicitDeny),
      update(['productId', 'onOrder', 'amountToReplenish'], ImplicitDeny),
      { ...update([], ImplicitDeny), context: {}, target: 'products (no attributes named)' },
      { ...update(['productId', 'stock'], Allow), role: 'orders_api' },
    ];

    // Act
    const mismatches = await findAccessMismatches(iam, cases);

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('limits the DLQ to the consumer over TLS, the key to use through DynamoDB (and SQS for the consumer), logs to their own group', async () => {
    expect(await findAccessMismatches(iam, serviceMatrix(iam))).toEqual([]);
  });

  it('names an exact resource for every DynamoDB, SQS and KMS action', () => {
    // Prepare
    const statements = iam.roles.flatMap((role) =>
      role.policies.flatMap((policy) => [policy.document.Statement].flat().map((statement) => ({ role: role.roleName, statement }))),
    );
    const dataStatements = statements.filter(({ statement }) => actionsOf(statement).some((action) => /^(dynamodb|sqs|kms):/.test(action)));

    // Act
    const wildcards = dataStatements.filter(({ statement }) => resourcesOf(statement).some((resource) => resource.includes('*')));

    // Assess
    expect(dataStatements.length).toBeGreaterThan(0);
    expect(wildcards).toEqual([]);
  });

  it('maps the stream the consumer may read, which is the Products stream', async () => {
    // Prepare
    const mapping = Object.values(json.resource?.['aws_lambda_event_source_mapping'] ?? {});
    const source = String(mapping[0]?.['event_source_arn']).replace(/^\$\{(.*)\}$/, '$1');

    // Act
    const read = await iam.evaluate({ role: 'replenishment_consumer', action: 'dynamodb:GetRecords', resource: iam.value(source) });

    // Assess
    expect(mapping).toHaveLength(1);
    expect(source).toBe('aws_dynamodb_table.products.stream_arn');
    expect(read.decision).toBe(Allow);
  });

  it("catches the seed's mistake: a write permission on a table the code does not write", async () => {
    // Prepare: the consumer's PutItem pointed at Orders, as the seed pointed it at a table its code never used
    const broken = structuredClone(json) as { data: Record<string, Record<string, { statement: Array<{ sid: string; resources: string[] }> }>> };
    const document = broken.data['aws_iam_policy_document']?.['replenishment_consumer'];
    const put = document?.statement.find((statement) => statement.sid === 'CreateReplenishments');
    if (!put) throw new Error('the consumer policy has no CreateReplenishments statement');
    put.resources = ['${aws_dynamodb_table.orders.arn}'];
    const brokenIam = createSynthAccessEvaluator(broken as TerraformJson, { streamLabel: () => STREAM_LABEL });

    // Act
    const mismatches = await findAccessMismatches(brokenIam, dynamoDbMatrix(brokenIam));

    // Assess
    expect(mismatches).toEqual([
      { call: 'replenishment_consumer: dynamodb:PutItem on orders', expected: ImplicitDeny, actual: Allow },
      { call: 'replenishment_consumer: dynamodb:PutItem on replenishment', expected: Allow, actual: ImplicitDeny },
    ]);
  });
});
