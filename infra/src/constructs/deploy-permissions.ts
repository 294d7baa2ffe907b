import type { Statement } from './policy-document';

/** Where one stage's resources live, and the prefix every one of their names starts with. */
export interface DeployScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** `shop-dev`: the stack name and the prefix of every physical name in the stage. */
  readonly namePrefix: string;
  /** The `stage` tag the provider's default tags put on every resource of the stage. */
  readonly stage: string;
  /** The stage's S3 state: bucket and key (its lock file is `<key>.tflock`). */
  readonly state: { readonly bucket: string; readonly key: string };
}

/**
 * What deploying a stage touches, service by service: the read actions `terraform plan` needs to
 * refresh state, the write actions `terraform apply` adds, and the resources they are allowed on.
 * Named resources are scoped by the stage's name prefix; services whose ARNs carry no name (KMS
 * keys, HTTP APIs, user pools) by the stage tag the provider puts on everything it creates.
 */
export interface ServiceAccess {
  readonly sid: string;
  readonly read: readonly string[];
  readonly write: readonly string[];
  readonly resources: readonly string[];
  readonly tagged?: boolean;
}

export function servicesOf(scope: DeployScope): ServiceAccess[] {
  const { partition: p, region: r, accountId: a, namePrefix: n } = scope;
  return [
    {
      sid: 'DynamoDbTables',
      read: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTimeToLive', 'dynamodb:ListTagsOfResource'],
      write: ['dynamodb:CreateTable', 'dynamodb:UpdateTable', 'dynamodb:DeleteTable', 'dynamodb:TagResource', 'dynamodb:UntagResource', 'dynamodb:UpdateContinuousBackups', 'dynamodb:UpdateTimeToLive'],
      resources: [`arn:${p}:dynamodb:${r}:${a}:table/${n}-*`],
    },
    {
      sid: 'LambdaFunctions',
      read: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetPolicy', 'lambda:ListVersionsByFunction', 'lambda:ListTags'],
      write: ['lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:DeleteFunction', 'lambda:AddPermission', 'lambda:RemovePermission', 'lambda:TagResource', 'lambda:UntagResource'],
      resources: [`arn:${p}:lambda:${r}:${a}:function:${n}-*`],
    },
    {
      sid: 'IamRolesOfTheStage',
      read: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole'],
      write: ['iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:TagRole', 'iam:UntagRole'],
      resources: [`arn:${p}:iam::${a}:role/${n}-*`],
    },
    {
      sid: 'SqsQueues',
      read: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListQueueTags'],
      write: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:SetQueueAttributes', 'sqs:TagQueue', 'sqs:UntagQueue'],
      resources: [`arn:${p}:sqs:${r}:${a}:${n}-*`],
    },
    {
      sid: 'SnsTopics',
      read: ['sns:GetTopicAttributes', 'sns:GetSubscriptionAttributes', 'sns:ListTagsForResource', 'sns:ListSubscriptionsByTopic'],
      write: ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Unsubscribe', 'sns:SetSubscriptionAttributes', 'sns:TagResource', 'sns:UntagResource'],
      resources: [`arn:${p}:sns:${r}:${a}:${n}-*`],
    },
    {
      sid: 'LogGroups',
      read: ['logs:ListTagsForResource', 'logs:ListTagsLogGroup'],
      write: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:TagResource', 'logs:UntagResource', 'logs:TagLogGroup'],
      resources: [`arn:${p}:logs:${r}:${a}:log-group:/aws/lambda/${n}-*`, `arn:${p}:logs:${r}:${a}:log-group:/aws/apigateway/${n}-*`],
    },
    {
      sid: 'Alarms',
      read: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
      write: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:TagResource', 'cloudwatch:UntagResource'],
      resources: [`arn:${p}:cloudwatch:${r}:${a}:alarm:${n}-*`],
    },
    {
      sid: 'Dashboard',
      read: ['cloudwatch:GetDashboard'],
      write: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'],
      resources: [`arn:${p}:cloudwatch::${a}:dashboard/${n}`],
    },
    {
      sid: 'KmsAliases',
      read: [],
      write: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [`arn:${p}:kms:${r}:${a}:alias/${n}-*`],
    },
    {
      sid: 'KmsKeysOfTheStage',
      read: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
      write: ['kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:UntagResource', 'kms:UpdateKeyDescription', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [`arn:${p}:kms:${r}:${a}:key/*`],
      tagged: true,
    },
    {
      sid: 'HttpApisOfTheStage',
      read: ['apigateway:GET'],
      write: ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'],
      resources: [`arn:${p}:apigateway:${r}::/apis/*`, `arn:${p}:apigateway:${r}::/tags/*`],
      tagged: true,
    },
    {
      sid: 'UserPoolsOfTheStage',
      read: ['cognito-idp:DescribeUserPool', 'cognito-idp:DescribeUserPoolClient', 'cognito-idp:DescribeResourceServer', 'cognito-idp:GetUserPoolMfaConfig', 'cognito-idp:ListTagsForResource'],
      write: [
        'cognito-idp:UpdateUserPool', 'cognito-idp:DeleteUserPool', 'cognito-idp:CreateUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'cognito-idp:DeleteUserPoolClient',
        'cognito-idp:CreateUserPoolDomain', 'cognito-idp:DeleteUserPoolDomain', 'cognito-idp:CreateResourceServer', 'cognito-idp:UpdateResourceServer', 'cognito-idp:DeleteResourceServer',
        'cognito-idp:SetUserPoolMfaConfig', 'cognito-idp:TagResource', 'cognito-idp:UntagResource',
      ],
      resources: [`arn:${p}:cognito-idp:${r}:${a}:userpool/*`],
      tagged: true,
    },
  ];
}

const stageTag = (scope: DeployScope, key: 'aws:ResourceTag/stage' | 'aws:RequestTag/stage') => ({ StringEquals: { [key]: scope.stage } });

/** Actions that take no resource (or whose resource has no name or tag yet): listed, never on `*` for data. */
const READ_WITHOUT_RESOURCE = ['sts:GetCallerIdentity', 'logs:DescribeLogGroups', 'lambda:GetEventSourceMapping', 'lambda:ListEventSourceMappings', 'dynamodb:ListTables', 'kms:ListAliases', 'cognito-idp:DescribeUserPoolDomain'];

/** The plan role's statements: every read `terraform plan` makes on the stage, and the state read (plans run with `-lock=false`). */
export function planStatements(scope: DeployScope): Statement[] {
  const services = servicesOf(scope);
  return [
    ...services.filter((service) => service.read.length > 0).map((service): Statement => ({
      Sid: `Read${service.sid}`,
      Effect: 'Allow',
      Action: [...service.read],
      Resource: [...service.resources],
      ...(service.tagged ? { Condition: stageTag(scope, 'aws:ResourceTag/stage') } : {}),
    })),
    { Sid: 'ReadWithoutResource', Effect: 'Allow', Action: READ_WITHOUT_RESOURCE, Resource: ['*'] },
    ...stateStatements(scope, false),
  ];
}

/** The apply role's statements: the plan role's reads, every write of the stage's resources, and the state with its lock file. */
export function applyStatements(scope: DeployScope, passRoleArns: readonly string[]): Statement[] {
  const { partition: p, region: r, accountId: a, namePrefix: n } = scope;
  const services = servicesOf(scope);
  return [
    ...services.map((service): Statement => ({
      Sid: `Manage${service.sid}`,
      Effect: 'Allow',
      Action: [...service.read, ...service.write],
      Resource: [...service.resources],
      ...(service.tagged ? { Condition: stageTag(scope, 'aws:ResourceTag/stage') } : {}),
    })),
    // Creating a key, an API or a user pool has no ARN to scope yet: only with the stage's tag in
    // the request. Tagging an existing resource needs the stage's tag on it already (above), so no
    // stage can claim another's resource by re-tagging it.
    {
      Sid: 'CreateTaggedForTheStage',
      Effect: 'Allow',
      Action: ['kms:CreateKey', 'cognito-idp:CreateUserPool'],
      Resource: ['*'],
      Condition: stageTag(scope, 'aws:RequestTag/stage'),
    },
    {
      Sid: 'CreateHttpApiTaggedForTheStage',
      Effect: 'Allow',
      Action: ['apigateway:POST'],
      Resource: [`arn:${p}:apigateway:${r}::/apis`],
      Condition: stageTag(scope, 'aws:RequestTag/stage'),
    },
    // A mapping is named by a UUID: only one that invokes a function of the stage.
    {
      Sid: 'CreateEventSourceMappingsOfTheStage',
      Effect: 'Allow',
      Action: ['lambda:CreateEventSourceMapping'],
      Resource: ['*'],
      Condition: { ArnLike: { 'lambda:FunctionArn': `arn:${p}:lambda:${r}:${a}:function:${n}-*` } },
    },
    {
      Sid: 'EventSourceMappingsOfTheStage',
      Effect: 'Allow',
      Action: ['lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping'],
      Resource: [`arn:${p}:lambda:${r}:${a}:event-source-mapping:*`],
      Condition: { ArnLike: { 'lambda:FunctionArn': `arn:${p}:lambda:${r}:${a}:function:${n}-*` } },
    },
    {
      Sid: 'PassTheStageRolesToLambda',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [...passRoleArns],
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    },
    { Sid: 'ReadWithoutResource', Effect: 'Allow', Action: READ_WITHOUT_RESOURCE, Resource: ['*'] },
    ...stateStatements(scope, true),
  ];
}

function stateStatements(scope: DeployScope, write: boolean): Statement[] {
  const bucket = `arn:${scope.partition}:s3:::${scope.state.bucket}`;
  return [
    { Sid: 'ListStateBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucket], Condition: { StringLike: { 's3:prefix': [scope.state.key, `${scope.state.key}.tflock`] } } },
    { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${bucket}/${scope.state.key}`, `${bucket}/${scope.state.key}.tflock`] },
    ...(write
      ? [
          { Sid: 'WriteState', Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${bucket}/${scope.state.key}`] } as const,
          { Sid: 'StateLock', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: [`${bucket}/${scope.state.key}.tflock`] } as const,
        ]
      : []),
  ];
}
