import { conditionKeysUsed } from '@shop/shared-util-iam-policy';
import type { RoleSession } from '../authorizer';
import { SUPPLIED_CONDITION_KEYS } from '../constants';
import type { IamProxyLogger } from '../logger';

/**
 * A policy testing a key the proxy does not supply sees it absent, which AWS would not: say so once.
 * Only global (`aws:`) and `dynamodb:` keys matter: another service's keys (`kms:ViaService`) never
 * appear in a DynamoDB request's context, in AWS either.
 */
export function warnAboutUnsuppliedKeys(principal: Pick<RoleSession, 'policies' | 'permissionsBoundary'>, logger: IamProxyLogger): void {
  const policies = [...principal.policies, ...(principal.permissionsBoundary ? [principal.permissionsBoundary] : [])];
  for (const use of conditionKeysUsed(policies)) {
    const key = use.key.toLowerCase();
    if (SUPPLIED_CONDITION_KEYS.has(key) || !/^(aws|dynamodb):/.test(key)) continue;
    logger.warn(
      `local-iam: statement ${use.sid ? `"${use.sid}"` : `#${use.index}`} of policy "${use.policyName}" tests ${use.key}, ` +
        'which local IAM enforcement does not supply; locally it is absent, so the outcome may differ from AWS',
      { key: use.key, operator: use.operator, policy: use.policyName },
    );
  }
}
