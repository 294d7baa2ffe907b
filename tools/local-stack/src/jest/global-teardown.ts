/** Jest global teardown: stops the stack global-setup.ts started (SIGTERM, then its JVM is gone). */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__LOCAL_STACK_PROCESS__;
  globalThis.__LOCAL_STACK_PROCESS__ = undefined;
  if (!stack) return;
  const code = await stack.stop();
  if (code !== 0) throw new Error(`The local stack exited with ${code} on SIGTERM:\n${stack.tail()}`);
}
