/**
 * `npx nx run tools-local-stack:docs-check`: proves `/docs` works in a real browser. Starts the
 * local stack on the dev synth (its own DynamoDB Local, a free port, a temporary state folder),
 * creates a product, opens Swagger UI in headless Chromium (Debian's `chromium`), authorizes with
 * a token of the local issuer, tries GET /products/{productId}, checks the 200 and that the
 * request carried the token, and keeps a screenshot (docs/local-docs-swagger-ui.png).
 *
 *   npx nx run tools-local-stack:docs-check [-- --screenshot docs/local-docs-swagger-ui.png]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createOpenApiDocument, Role, ROLE_SCOPES } from '@shop/orders-api-contract';
import { withHeadlessChromium } from './lib/docs-check/headless-chromium';
import { authorize, tryOperation } from './lib/docs-check/swagger-ui-session';
import { LocalStackError } from './lib/errors';
import { startLocalStack } from './lib/stack/local-stack';
import { DEV_SYNTH_PATH } from './lib/stack/synthesize';

const workspaceRoot = path.resolve(__dirname, '../../..');
const PRODUCT = { productId: 'p#docs', stock: 42, reorderThreshold: 5, amountToReplenish: 10 } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { screenshot: { type: 'string', default: 'docs/local-docs-swagger-ui.png' } } });
  const screenshot = path.resolve(workspaceRoot, values.screenshot as string);
  const stack = await startLocalStack({
    synthPath: path.join(workspaceRoot, DEV_SYNTH_PATH),
    stateDirectory: mkdtempSync(path.join(tmpdir(), 'docs-check-')),
    port: 0,
    faults: {},
    openApiDocument: (serverUrl) => createOpenApiDocument({ serverUrl }),
  });
  try {
    const { issuer, apiUrl } = stack;
    if (!issuer || !apiUrl) throw new LocalStackError('the dev synth has no API with a JWT authorizer');
    const token = (role: Role): Promise<string> => issuer.sign({ subject: `docs-${role}`, scopes: ROLE_SCOPES[role], audience: stack.audience[0] as string, expiresInSeconds: 600 });
    const { productId, ...body } = PRODUCT;
    const created = await fetch(`${apiUrl}/products/${encodeURIComponent(productId)}`, { method: 'PUT', headers: { authorization: `Bearer ${await token(Role.BackOffice)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (created.status !== 200) throw new LocalStackError(`PUT ${productId} answered ${created.status}: ${await created.text()}`);

    const customer = await token(Role.Customer);
    const result = await withHeadlessChromium({ width: 1280, height: 1400 }, async (page) => {
      await page.send('Page.enable');
      await page.send('Page.navigate', { url: `${apiUrl}/docs` });
      let call;
      try {
        await authorize(page, customer);
        call = await tryOperation(page, 'catalog', 'getProduct', { productId });
      } catch (error) {
        // What the page showed when it went wrong, next to where the screenshot would have gone.
        const { data } = await page.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
        writeFileSync(path.join(tmpdir(), 'docs-check-failed.png'), Buffer.from(data, 'base64'));
        throw new LocalStackError(`${(error as Error).message} (page: ${path.join(tmpdir(), 'docs-check-failed.png')})`, { cause: error });
      }
      const { data } = await page.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      return { call, png: Buffer.from(data, 'base64') };
    });
    mkdirSync(path.dirname(screenshot), { recursive: true });
    writeFileSync(screenshot, result.png);
    const sentToken = result.call.curl.includes(`Bearer ${customer}`);
    console.log(`Swagger UI at ${apiUrl}/docs: authorized as a customer (${ROLE_SCOPES[Role.Customer].join(' ')}), GET /products/{productId} → ${result.call.status}; token sent: ${sentToken}`);
    console.log(`screenshot: ${path.relative(workspaceRoot, screenshot)}`);
    if (result.call.status !== '200' || !sentToken || !result.call.responseBody.includes(`"stock": ${PRODUCT.stock}`)) {
      throw new LocalStackError(`expected 200 with the product and the token in the request; got ${result.call.status}: ${result.call.responseBody.slice(0, 300)}`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
