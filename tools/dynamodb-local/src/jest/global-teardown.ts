/** Jest global teardown: stops the DynamoDB Local that global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__DYNAMODB_LOCAL__?.stop();
  globalThis.__DYNAMODB_LOCAL__ = undefined;
}
