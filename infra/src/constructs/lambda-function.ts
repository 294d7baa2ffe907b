import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { LambdaBundle } from '../config/bundles';
import { pinAddress, policyDocument, serviceTrustPolicy, type Statement } from './policy-document';

/** Node.js runtime of both functions; the bundles are built for `node24`. */
export const LAMBDA_RUNTIME = 'nodejs24.x';

export interface ShopFunctionProps {
  /** Terraform resource name shared by the function, its role, policy and log group: `orders_api`. */
  readonly address: string;
  readonly functionName: string;
  readonly description: string;
  readonly bundle: LambdaBundle;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** POWERTOOLS_LOG_LEVEL, and Lambda's application log level (which filters JSON logs). */
  readonly logLevel: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetentionDays: number;
  /** What the function's code does with data: exact actions on exact ARNs. Logs and X-Ray are added here. */
  readonly statements: readonly Statement[];
}

/**
 * A function packaged from its `@nx/esbuild` output (a `TerraformAsset` archive of `dist/apps/<app>`;
 * nothing is bundled here), arm64, X-Ray active, with its own log group (retention set) and its
 * own role whose only policy is the function's statements plus its log group and X-Ray.
 */
export class ShopFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ShopFunctionProps) {
    super(scope, id);
    const asset = new TerraformAsset(this, 'bundle', { path: props.bundle.directory, type: AssetType.ARCHIVE });

    this.logGroup = pinAddress(
      new CloudwatchLogGroup(this, 'log-group', { name: `/aws/lambda/${props.functionName}`, retentionInDays: props.logRetentionDays }),
      props.address,
    );
    this.role = pinAddress(
      new IamRole(this, 'role', {
        name: props.functionName,
        description: `Execution role of ${props.functionName}`,
        assumeRolePolicy: serviceTrustPolicy(this, `${props.address}_trust`, 'lambda.amazonaws.com').json,
      }),
      props.address,
    );
    this.policy = pinAddress(
      new IamRolePolicy(this, 'policy', {
        name: 'least-privilege',
        role: this.role.name,
        policy: policyDocument(this, props.address, [
          ...props.statements,
          {
            Sid: 'WriteOwnLogGroup',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [`${this.logGroup.arn}:log-stream:*`],
          },
          {
            // X-Ray has no resource-level permissions: these two actions only accept "*".
            Sid: 'SendTraces',
            Effect: 'Allow',
            Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
            Resource: ['*'],
          },
        ]).json,
      }),
      props.address,
    );
    this.function = pinAddress(
      new LambdaFunction(this, 'function', {
        functionName: props.functionName,
        description: props.description,
        role: this.role.arn,
        runtime: LAMBDA_RUNTIME,
        architectures: ['arm64'],
        handler: props.bundle.handler,
        filename: asset.path,
        sourceCodeHash: asset.assetHash,
        memorySize: props.memoryMb,
        timeout: props.timeoutSeconds,
        environment: { variables: { ...props.environment, POWERTOOLS_LOG_LEVEL: props.logLevel } },
        tracingConfig: { mode: 'Active' },
        // JSON logs turn on Lambda's log-level filter; it must let through what Powertools is asked
        // to log (Powertools itself defers to AWS_LAMBDA_LOG_LEVEL, which this sets).
        loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name, applicationLogLevel: props.logLevel },
        // The role's policy must exist before the function runs (and before a mapping validates it).
        dependsOn: [this.policy],
      }),
      props.address,
    );
  }
}
