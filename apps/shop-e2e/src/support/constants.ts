/** The variable the e2e global setup passes the stack's endpoints in (JSON of `StackEndpoints`). */
export const E2E_STACK_ENV = 'SHOP_E2E_STACK';
