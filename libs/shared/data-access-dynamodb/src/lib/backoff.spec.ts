import { backoffDelayMs, DEFAULT_TRANSACTION_RETRY_POLICY, transactionRetryPolicy } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 100 };

  it('doubles the ceiling per attempt up to the cap', () => {
    // Act: the largest draw just below 1
    const ceilings = [1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 0.999999));

    // Assess
    expect(ceilings).toEqual([19, 39, 79, 99, 99]);
  });

  it('draws from the whole range (full jitter)', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(40);
  });

  it('keeps the default worst case under 1.5 s', () => {
    const { maxAttempts } = DEFAULT_TRANSACTION_RETRY_POLICY;
    const worst = Array.from({ length: maxAttempts - 1 }, (_, i) => backoffDelayMs(i + 1, DEFAULT_TRANSACTION_RETRY_POLICY, () => 0.999999));
    expect(worst.reduce((a, b) => a + b, 0)).toBeLessThan(1500);
  });

  it('completes a partial policy from the default and makes maxAttempts a whole number of at least 1', () => {
    expect(transactionRetryPolicy({ maxAttempts: 3 })).toEqual({ ...DEFAULT_TRANSACTION_RETRY_POLICY, maxAttempts: 3 });
    expect(transactionRetryPolicy({ maxAttempts: 2.7 }).maxAttempts).toBe(2);
    expect(transactionRetryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
    expect(transactionRetryPolicy()).toEqual(DEFAULT_TRANSACTION_RETRY_POLICY);
  });
});
