export interface IamProxyStats {
  readonly requests: number;
  readonly allowed: number;
  /** Answered AccessDeniedException (enforce). */
  readonly denied: number;
  /** Would have been denied; forwarded (warn). */
  readonly warned: number;
  /** Forwarded without a decision: mode off, no X-Amz-Target, or malformed (DynamoDB Local answers those). */
  readonly unchecked: number;
  /** Operations without a mapping, or bodies that are not JSON (refused in enforce, forwarded in warn). */
  readonly unsupported: number;
  /** Policy evaluations run: one per distinct (action, resource, context), the rest are cached. */
  readonly evaluations: number;
}

/** The counters a proxy keeps as it goes (evaluations are the authorizer's). */
export type ProxyCounters = { -readonly [K in Exclude<keyof IamProxyStats, 'evaluations'>]: number };

export const newProxyCounters = (): ProxyCounters => ({ requests: 0, allowed: 0, denied: 0, warned: 0, unchecked: 0, unsupported: 0 });
