/** Jest global teardown of the e2e project: stops the stack the global setup started (SIGTERM, then its JVM is gone). */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__SHOP_E2E_STACK__;
  globalThis.__SHOP_E2E_STACK__ = undefined;
  if (!stack) return;
  const code = await stack.stop();
  if (code !== 0) throw new Error(`The e2e stack exited with ${code} on SIGTERM:\n${stack.tail()}`);
}
