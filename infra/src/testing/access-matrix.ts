import type { Decision, SynthAccessEvaluator } from '@shop/shared-util-iam-policy';

/** One row of an access matrix: may this role make this call, and what should IAM say? */
export interface AccessCase {
  readonly role: string;
  readonly action: string;
  /** The ARN the call is made on. */
  readonly resource: string;
  /** A readable name of the resource for failure messages: `products`, `DLQ`. */
  readonly target: string;
  /** Request context by condition key; a multivalued key (`dynamodb:Attributes`) takes a list. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  readonly expected: Decision;
}

/** A row whose decision is not the expected one. */
export interface AccessMismatch {
  readonly call: string;
  readonly expected: Decision;
  readonly actual: Decision;
}

/**
 * Evaluates every row and returns the rows IAM decides differently than expected, as readable
 * `role: action on target` lines, so a failing test says exactly which permission is wrong.
 */
export async function findAccessMismatches(iam: SynthAccessEvaluator, cases: readonly AccessCase[]): Promise<AccessMismatch[]> {
  const results = await Promise.all(
    cases.map(async (row) => {
      const { decision } = await iam.evaluate({ role: row.role, action: row.action, resource: row.resource, ...(row.context ? { context: row.context } : {}) });
      const via = row.context ? ` (${Object.entries(row.context).map(([key, value]) => `${key}=${[value].flat().join('|')}`).join(', ')})` : '';
      return { call: `${row.role}: ${row.action} on ${row.target}${via}`, expected: row.expected, actual: decision };
    }),
  );
  return results.filter((result) => result.expected !== result.actual);
}
