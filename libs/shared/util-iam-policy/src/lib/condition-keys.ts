import type { NamedPolicy } from './types';

/** A condition key a policy statement tests, and where. */
export interface ConditionKeyUse {
  readonly key: string;
  readonly operator: string;
  readonly policyName: string;
  readonly sid?: string;
  /** 1-based */
  readonly index: number;
}

/**
 * Every condition key the policies' statements test. An evaluator that does not populate a key
 * sees it as absent, which changes outcomes (a `Deny` with `StringNotEquals` on a missing key does
 * not apply), so callers use this to warn about keys they cannot supply.
 */
export function conditionKeysUsed(policies: readonly NamedPolicy[]): ConditionKeyUse[] {
  return policies.flatMap((policy) =>
    statementsOf(policy).flatMap((statement, i) => {
      const condition = statement['Condition'];
      if (!condition || typeof condition !== 'object') return [];
      const sid = typeof statement['Sid'] === 'string' ? statement['Sid'] : undefined;
      return Object.entries(condition as Record<string, unknown>).flatMap(([operator, tests]) =>
        Object.keys((tests ?? {}) as Record<string, unknown>).map((key) => ({
          key,
          operator,
          policyName: policy.name,
          ...(sid ? { sid } : {}),
          index: i + 1,
        })),
      );
    }),
  );
}

function statementsOf(policy: NamedPolicy): Readonly<Record<string, unknown>>[] {
  const statement = policy.document.Statement;
  return Array.isArray(statement) ? statement : [statement as Readonly<Record<string, unknown>>];
}
