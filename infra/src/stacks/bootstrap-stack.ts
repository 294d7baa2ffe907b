import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_URL, type BootstrapConfig } from '../config/bootstrap-config';
import { stackName, type StageConfig } from '../config/stage-config';
import { applyStatements, planStatements, type DeployScope } from '../constructs/deploy-permissions';
import { pinAddress, policyDocument } from '../constructs/policy-document';
import { STACK_DIR_TO_INFRA } from '../constructs/state-backend';

export const BOOTSTRAP_STACK_NAME = 'shop-bootstrap';

/** `github-deploy-shop-dev-plan`: outside every stage's `shop-<stage>-*` names, so no apply role can touch a deploy role. */
export const deployRoleName = (stage: string, kind: 'plan' | 'apply'): string => `github-deploy-shop-${stage}-${kind}`;

export interface BootstrapStackProps {
  readonly config: BootstrapConfig;
  readonly stages: readonly StageConfig[];
}

/**
 * The deploy identity, applied once by an administrator: GitHub's OIDC provider and, per stage
 * whose state is in S3, a read-only plan role (this repository's main branch and pull requests)
 * and an apply role (only its `<stage>` environment). A stage with a local state file gets none:
 * CI cannot share that file.
 */
export class BootstrapStack extends TerraformStack {
  readonly roles: ReadonlyArray<{ readonly stage: string; readonly plan: IamRole; readonly apply: IamRole }>;

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, BOOTSTRAP_STACK_NAME);
    const { config } = props;
    new AwsProvider(this, 'aws', { region: config.region, defaultTags: [{ tags: { project: 'shop', stage: 'bootstrap' } }] });
    // Applied by hand before any pipeline exists; move it to S3 like a stage once the bucket is there.
    new LocalBackend(this, { path: `${STACK_DIR_TO_INFRA}/terraform.${BOOTSTRAP_STACK_NAME}.tfstate` });
    const account = pinAddress(new DataAwsCallerIdentity(this, 'account'), 'current');
    const providerArn = config.createOidcProvider
      ? pinAddress(new IamOpenidConnectProvider(this, 'github', { url: GITHUB_OIDC_URL, clientIdList: [GITHUB_OIDC_AUDIENCE] }), 'github').arn
      : pinAddress(new DataAwsIamOpenidConnectProvider(this, 'github', { url: GITHUB_OIDC_URL }), 'github').arn;

    const repo = `repo:${config.github.owner}/${config.github.repository}`;
    const issuer = GITHUB_OIDC_URL.replace('https://', '');
    const trust = (address: string, subjects: readonly string[]) =>
      policyDocument(this, address, [
        {
          Sid: 'GitHubActionsOfThisRepository',
          Effect: 'Allow',
          Principal: { Federated: [providerArn] },
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Condition: { StringEquals: { [`${issuer}:aud`]: GITHUB_OIDC_AUDIENCE, [`${issuer}:sub`]: subjects } },
        },
      ]).json;

    this.roles = props.stages.flatMap((stage) => {
      if (stage.state.kind !== 's3') return [];
      const name = stackName(stage);
      const scopeOfStage: DeployScope = {
        partition: 'aws',
        region: stage.region,
        accountId: account.accountId,
        namePrefix: name,
        stage: stage.stage,
        state: { bucket: stage.state.bucket, key: stage.state.key },
      };
      const role = (kind: 'plan' | 'apply', subjects: readonly string[], statements: ReturnType<typeof planStatements>, description: string): IamRole => {
        const address = `${stage.stage}_${kind}`;
        const created = pinAddress(
          new IamRole(this, `${stage.stage}-${kind}`, { name: deployRoleName(stage.stage, kind), description, assumeRolePolicy: trust(`${address}_trust`, subjects) }),
          address,
        );
        pinAddress(new IamRolePolicy(this, `${stage.stage}-${kind}-policy`, { name: `${kind}-${name}`, role: created.name, policy: policyDocument(this, address, statements).json }), address);
        new TerraformOutput(this, `${address}_role_arn`, { value: created.arn, description: `Repository variable ${`SHOP_${stage.stage}_${kind}_ROLE_ARN`.toUpperCase()}` });
        return created;
      };
      const plan = role('plan', [`${repo}:ref:refs/heads/${config.github.mainBranch}`, `${repo}:pull_request`], planStatements(scopeOfStage), `terraform plan of ${name} (read-only)`);
      const functionRoles = `arn:aws:iam::${account.accountId}:role/${name}-*`;
      const apply = role('apply', [`${repo}:environment:${stage.stage}`], applyStatements(scopeOfStage, [functionRoles]), `terraform apply of ${name}, from its GitHub environment only`);
      return [{ stage: stage.stage, plan, apply }];
    });
  }
}
