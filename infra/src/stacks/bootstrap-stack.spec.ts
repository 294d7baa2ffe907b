import { createSynthAccessEvaluator, Decision, evaluateRoleAccess, PolicyKind, type NamedPolicy, type SynthAccessEvaluator } from '@shop/shared-util-iam-policy';
import { Testing } from 'cdktf';
import { rmSync } from 'node:fs';
import { defineBootstrap } from '../config/bootstrap-config';
import type { StageConfig } from '../config/stage-config';
import { STAGES } from '../config/stages';
import { applyStatements, planStatements, servicesOf, type DeployScope, type ServiceAccess } from '../constructs/deploy-permissions';
import type { TerraformJson } from '@shop/shared-util-terraform-json';
import { findAccessMismatches, type AccessCase } from '../testing/access-matrix';
import { synthStage } from '../testing/synth-stage';
import { BootstrapStack, deployRoleName } from './bootstrap-stack';

const { Allow, ImplicitDeny } = Decision;
const ACCOUNT = '000000000000';
const config = defineBootstrap({ github: { owner: 'acme', repository: 'shop' }, region: 'us-east-1' });
// Dev as a team wires it for CI: its state moved to S3 (the committed dev keeps a local file).
const devInS3: StageConfig = { ...STAGES.dev, state: { kind: 's3', bucket: 'acme-state', key: 'shop/dev/terraform.tfstate', region: 'us-east-1', useLockfile: true } };

function synthBootstrap(stages: readonly StageConfig[]): { stack: BootstrapStack; json: TerraformJson } {
  const app = Testing.app();
  try {
    const stack = new BootstrapStack(app, { config, stages });
    return { stack, json: JSON.parse(Testing.synth(stack, true)) as TerraformJson };
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

// The IAM data the evaluator uses models API Gateway's HTTP API (v2) actions only on REST API
// resources: those statements are checked by their shape instead (see the last test).
const evaluable = (service: ServiceAccess): boolean => !service.resources.some((arn) => arn.includes(':apigateway:'));

// A stage's key is not in the bootstrap synth: its key policy (the shop stack's) delegates to IAM.
const STAGE_KEY_POLICY: NamedPolicy = {
  name: 'aws_kms_key.data_key',
  kind: PolicyKind.Resource,
  document: { Version: '2012-10-17', Statement: [{ Sid: 'AccountAdministersKeyAndDelegatesToIam', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['kms:*'], Resource: ['*'] }] },
};
const withStageKeyPolicy = (iam: SynthAccessEvaluator): SynthAccessEvaluator => ({
  ...iam,
  evaluate: (request) =>
    /:kms:[^:]*:[^:]*:key\//.test(request.resource)
      ? evaluateRoleAccess(iam.role(request.role), request.action, request.resource, { context: { 'aws:SecureTransport': 'true', ...request.context }, resourcePolicy: STAGE_KEY_POLICY })
      : iam.evaluate(request),
});

const scopeOf = (stage: StageConfig): DeployScope => {
  if (stage.state.kind !== 's3') throw new Error('S3 state expected');
  return { partition: 'aws', region: stage.region, accountId: ACCOUNT, namePrefix: `shop-${stage.stage}`, stage: stage.stage, state: { bucket: stage.state.bucket, key: stage.state.key } };
};

describe('the bootstrap stack (deploy identity)', () => {
  let json: TerraformJson;
  let iam: SynthAccessEvaluator;
  beforeAll(() => {
    ({ json } = synthBootstrap([devInS3, STAGES.prod]));
    iam = withStageKeyPolicy(createSynthAccessEvaluator(json as never));
  });

  it('trusts GitHub\'s OIDC provider for this repository only: plans from main and pull requests, applies from the stage\'s environment', () => {
    // Prepare
    const trust = (name: string) => (json.data?.['aws_iam_policy_document']?.[name]?.['statement'] as Array<Record<string, unknown>>)[0];
    // Assess
    expect(json.resource?.['aws_iam_openid_connect_provider']?.['github']).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    for (const stage of ['dev', 'prod']) {
      expect(trust(`${stage}_plan_trust`)).toMatchObject({
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: ['${aws_iam_openid_connect_provider.github.arn}'] }],
        condition: [
          { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
          { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/shop:ref:refs/heads/main', 'repo:acme/shop:pull_request'] },
        ],
      });
      expect(trust(`${stage}_apply_trust`)).toMatchObject({
        condition: [
          { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
          { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: [`repo:acme/shop:environment:${stage}`] },
        ],
      });
    }
  });

  it('gives a stage whose state is a local file no roles (CI cannot share that file)', () => {
    // Act
    const { stack } = synthBootstrap([STAGES.dev, STAGES.prod]);
    // Assess
    expect(stack.roles.map((role) => role.stage)).toEqual(['prod']);
  });

  it.each([devInS3, STAGES.prod].map((stage) => [stage.stage, stage] as const))('lets the %s plan role read the stage and its state, and write nothing', async (stage, stageConfig) => {
    // Prepare
    const scope = scopeOf(stageConfig);
    const role = deployRoleName(stage, 'plan');
    const cases: AccessCase[] = servicesOf(scope).filter(evaluable).flatMap((service) => {
      const resource = (service.resources[0] as string).replace('*', 'x');
      const context = service.tagged ? { 'aws:ResourceTag/stage': stage } : undefined;
      return [
        ...service.read.map((action) => ({ role, action, resource, target: service.sid, ...(context && { context }), expected: Allow })),
        ...service.write.map((action) => ({ role, action, resource, target: service.sid, ...(context && { context }), expected: ImplicitDeny })),
      ];
    });
    const state = `arn:aws:s3:::${scope.state.bucket}/${scope.state.key}`;
    cases.push(
      { role, action: 's3:GetObject', resource: state, target: 'state', expected: Allow },
      { role, action: 's3:PutObject', resource: state, target: 'state', expected: ImplicitDeny },
      { role, action: 's3:PutObject', resource: `${state}.tflock`, target: 'state lock', expected: ImplicitDeny },
      { role, action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/shop-${stage}-orders-api`, target: 'function role', expected: ImplicitDeny },
      { role, action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/shop-${stage}-orders`, target: 'orders data', expected: ImplicitDeny },
    );
    // Act
    const mismatches = await findAccessMismatches(iam, cases);
    // Assess
    expect(cases.length).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['dev', 'prod'],
    ['prod', 'dev'],
  ])('lets the %s apply role manage its stage only: not %s, not the data, not the deploy roles, not IAM at large', async (stage, other) => {
    // Prepare
    const role = deployRoleName(stage, 'apply');
    const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;
    const functionArn = (name: string) => arn('lambda', `function:${name}`);
    const row = (action: string, resource: string, target: string, expected: Decision, context?: Record<string, string>): AccessCase => ({ role, action, resource, target, expected, ...(context && { context }) });
    const cases: AccessCase[] = [
      row('dynamodb:CreateTable', arn('dynamodb', `table/shop-${stage}-products`), 'own table', Allow),
      row('dynamodb:DeleteTable', arn('dynamodb', `table/shop-${other}-products`), `${other} table`, ImplicitDeny),
      row('dynamodb:PutItem', arn('dynamodb', `table/shop-${stage}-orders`), 'own data', ImplicitDeny),
      row('dynamodb:Scan', arn('dynamodb', `table/shop-${stage}-orders`), 'own data', ImplicitDeny),
      row('lambda:UpdateFunctionCode', functionArn(`shop-${stage}-orders-api`), 'own function', Allow),
      row('lambda:UpdateFunctionCode', functionArn(`shop-${other}-orders-api`), `${other} function`, ImplicitDeny),
      row('lambda:InvokeFunction', functionArn(`shop-${stage}-orders-api`), 'own function', ImplicitDeny),
      row('lambda:CreateEventSourceMapping', '*', 'mapping of own function', Allow, { 'lambda:FunctionArn': functionArn(`shop-${stage}-replenishment-consumer`) }),
      row('lambda:CreateEventSourceMapping', '*', `mapping of ${other} function`, ImplicitDeny, { 'lambda:FunctionArn': functionArn(`shop-${other}-replenishment-consumer`) }),
      row('lambda:DeleteEventSourceMapping', arn('lambda', 'event-source-mapping:abc'), `mapping of ${other} function`, ImplicitDeny, { 'lambda:FunctionArn': functionArn(`shop-${other}-replenishment-consumer`) }),
      row('iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/shop-${stage}-orders-api`, 'own function role', Allow),
      row('iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/${role}`, 'itself', ImplicitDeny),
      row('iam:UpdateAssumeRolePolicy', `arn:aws:iam::${ACCOUNT}:role/${deployRoleName(stage, 'plan')}`, 'the plan role', ImplicitDeny),
      row('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/shop-${stage}-orders-api`, 'own role to Lambda', Allow, { 'iam:PassedToService': 'lambda.amazonaws.com' }),
      row('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/shop-${stage}-orders-api`, 'own role to EC2', ImplicitDeny, { 'iam:PassedToService': 'ec2.amazonaws.com' }),
      row('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/x`, 'a user', ImplicitDeny),
      row('iam:CreateOpenIDConnectProvider', `arn:aws:iam::${ACCOUNT}:oidc-provider/x`, 'the OIDC provider', ImplicitDeny),
      row('kms:ScheduleKeyDeletion', arn('kms', 'key/k'), 'own key', Allow, { 'aws:ResourceTag/stage': stage }),
      row('kms:ScheduleKeyDeletion', arn('kms', 'key/k'), `${other} key`, ImplicitDeny, { 'aws:ResourceTag/stage': other }),
      row('kms:Decrypt', arn('kms', 'key/k'), 'own key', ImplicitDeny, { 'aws:ResourceTag/stage': stage }),
      row('kms:CreateKey', '*', 'a key tagged for the stage', Allow, { 'aws:RequestTag/stage': stage }),
      row('kms:CreateKey', '*', `a key tagged ${other}`, ImplicitDeny, { 'aws:RequestTag/stage': other }),
      row('cloudwatch:PutDashboard', `arn:aws:cloudwatch::${ACCOUNT}:dashboard/shop-${stage}`, 'own dashboard', Allow),
      row('sqs:ReceiveMessage', arn('sqs', `shop-${stage}-replenishment-consumer-dlq`), 'own DLQ messages', ImplicitDeny),
      row('s3:PutObject', `arn:aws:s3:::${stage === 'dev' ? 'acme-state' : 'shop-terraform-state-prod'}/shop/${stage}/terraform.tfstate`, 'own state', Allow),
      row('s3:PutObject', `arn:aws:s3:::${stage === 'dev' ? 'shop-terraform-state-prod' : 'acme-state'}/shop/${other}/terraform.tfstate`, `${other} state`, ImplicitDeny),
    ];
    // Act
    const mismatches = await findAccessMismatches(iam, cases);
    // Assess
    expect(mismatches).toEqual([]);
  });

  it('scopes HTTP API management to APIs tagged with the stage, and creating one to a request tagged so', () => {
    // Prepare
    const scope = scopeOf(STAGES.prod);
    // Act
    const plan = planStatements(scope).find((statement) => statement.Sid === 'ReadHttpApisOfTheStage');
    const apply = applyStatements(scope, []);
    // Assess
    expect(plan).toEqual({ Sid: 'ReadHttpApisOfTheStage', Effect: 'Allow', Action: ['apigateway:GET'], Resource: ['arn:aws:apigateway:us-east-1::/apis/*', 'arn:aws:apigateway:us-east-1::/tags/*'], Condition: { StringEquals: { 'aws:ResourceTag/stage': 'prod' } } });
    expect(apply.find((statement) => statement.Sid === 'ManageHttpApisOfTheStage')).toMatchObject({ Action: ['apigateway:GET', 'apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'], Condition: { StringEquals: { 'aws:ResourceTag/stage': 'prod' } } });
    expect(apply.find((statement) => statement.Sid === 'CreateHttpApiTaggedForTheStage')).toEqual({
      Sid: 'CreateHttpApiTaggedForTheStage',
      Effect: 'Allow',
      Action: ['apigateway:POST'],
      Resource: ['arn:aws:apigateway:us-east-1::/apis'],
      Condition: { StringEquals: { 'aws:RequestTag/stage': 'prod' } },
    });
  });

  it('lets the apply role create every resource type the stage synthesizes (a new type fails here until it is granted)', async () => {
    // Prepare: per resource type, the call that creates it, on the ARN it would have
    const stage = 'prod';
    const role = deployRoleName(stage, 'apply');
    const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;
    const tagged = { 'aws:RequestTag/stage': stage };
    const onTagged = { 'aws:ResourceTag/stage': stage };
    const pool = arn('cognito-idp', 'userpool/p');
    const CREATE: Readonly<Record<string, readonly [string, string, Record<string, string>?] | 'http-api'>> = {
      aws_dynamodb_table: ['dynamodb:CreateTable', arn('dynamodb', 'table/shop-prod-products')],
      aws_lambda_function: ['lambda:CreateFunction', arn('lambda', 'function:shop-prod-orders-api')],
      aws_lambda_permission: ['lambda:AddPermission', arn('lambda', 'function:shop-prod-orders-api')],
      aws_lambda_event_source_mapping: ['lambda:CreateEventSourceMapping', '*', { 'lambda:FunctionArn': arn('lambda', 'function:shop-prod-replenishment-consumer') }],
      aws_iam_role: ['iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/shop-prod-orders-api`],
      aws_iam_role_policy: ['iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/shop-prod-orders-api`],
      aws_kms_key: ['kms:CreateKey', '*', tagged],
      aws_kms_alias: ['kms:CreateAlias', arn('kms', 'alias/shop-prod-data')],
      aws_sqs_queue: ['sqs:CreateQueue', arn('sqs', 'shop-prod-replenishment-consumer-dlq')],
      aws_sqs_queue_policy: ['sqs:SetQueueAttributes', arn('sqs', 'shop-prod-replenishment-consumer-dlq')],
      aws_sns_topic: ['sns:CreateTopic', arn('sns', 'shop-prod-alarms')],
      aws_sns_topic_subscription: ['sns:Subscribe', arn('sns', 'shop-prod-alarms')],
      aws_cloudwatch_log_group: ['logs:CreateLogGroup', arn('logs', 'log-group:/aws/lambda/shop-prod-orders-api')],
      aws_cloudwatch_metric_alarm: ['cloudwatch:PutMetricAlarm', arn('cloudwatch', 'alarm:shop-prod-orders-api-5xx')],
      aws_cloudwatch_dashboard: ['cloudwatch:PutDashboard', `arn:aws:cloudwatch::${ACCOUNT}:dashboard/shop-prod`],
      aws_cognito_user_pool: ['cognito-idp:CreateUserPool', '*', tagged],
      aws_cognito_user_pool_client: ['cognito-idp:CreateUserPoolClient', pool, onTagged],
      aws_cognito_user_pool_domain: ['cognito-idp:CreateUserPoolDomain', pool, onTagged],
      aws_cognito_resource_server: ['cognito-idp:CreateResourceServer', pool, onTagged],
      aws_apigatewayv2_api: 'http-api',
      aws_apigatewayv2_authorizer: 'http-api',
      aws_apigatewayv2_integration: 'http-api',
      aws_apigatewayv2_route: 'http-api',
      aws_apigatewayv2_stage: 'http-api',
    };
    const types = Object.keys(synthStage(STAGES.prod).json.resource ?? {}).sort();
    // Act
    const unmapped = types.filter((type) => CREATE[type] === undefined);
    const cases = types.flatMap((type): AccessCase[] => {
      const entry = CREATE[type];
      if (entry === undefined || entry === 'http-api') return [];
      const [action, resource, context] = entry;
      return [{ role, action, resource, target: type, ...(context && { context }), expected: Allow }];
    });
    const mismatches = await findAccessMismatches(iam, cases);
    // Assess
    expect(unmapped).toEqual([]);
    expect(mismatches).toEqual([]);
  });
});
