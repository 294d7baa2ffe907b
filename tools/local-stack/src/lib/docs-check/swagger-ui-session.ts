import type { ChromiumPage } from './headless-chromium';

/** Sets a React-controlled input the way typing does (Swagger UI ignores a plain `value =`). */
const typeInto = (selector: string, text: string): string => `(() => {
  const input = document.querySelector(${JSON.stringify(selector)});
  if (!input) throw new Error('no ' + ${JSON.stringify(selector)});
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(text)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
})()`;

const click = (selector: string): string => `(() => { const element = document.querySelector(${JSON.stringify(selector)}); if (!element) throw new Error('no ' + ${JSON.stringify(selector)}); element.click(); return true; })()`;

/** What Swagger UI showed after "Execute". */
export interface TriedCall {
  readonly status: string;
  readonly responseBody: string;
  /** The curl command Swagger UI shows for the request it sent. */
  readonly curl: string;
}

/**
 * Drives Swagger UI as a person would: Authorize → paste the bearer token → Authorize → Close;
 * open one operation, fill its path parameters, Execute, and read the live response.
 *
 * @example
 * await authorize(page, token);
 * const call = await tryOperation(page, 'catalog', 'getProduct', { productId: 'p#1' });
 */
export async function authorize(page: ChromiumPage, token: string): Promise<void> {
  await page.waitFor("document.querySelector('.btn.authorize')", 'the Authorize button');
  await page.evaluate(click('.btn.authorize'));
  await page.waitFor("document.querySelector('.auth-container input')", 'the token field');
  await page.evaluate(typeInto('.auth-container input', token));
  await page.evaluate(click('.auth-container .btn.modal-btn.auth.authorize'));
  await page.waitFor("document.querySelector('.auth-container .btn.modal-btn.auth:not(.authorize)') || document.querySelector('.auth-container .btn-done')", 'the authorized state');
  await page.evaluate(click('.btn.modal-btn.auth.btn-done, .close-modal'));
  await page.waitFor("document.querySelector('.btn.authorize.locked')", 'the locked padlock on Authorize');
}

export async function tryOperation(page: ChromiumPage, tag: string, operationId: string, pathParameters: Readonly<Record<string, string>>): Promise<TriedCall> {
  const block = `#operations-${tag}-${operationId}`;
  await page.waitFor(`document.querySelector('${block} .opblock-summary-control')`, `operation ${operationId}`);
  await page.evaluate(click(`${block} .opblock-summary-control`));
  await page.waitFor(`document.querySelector('${block} .execute')`, 'the Execute button');
  for (const [name, value] of Object.entries(pathParameters)) {
    await page.evaluate(typeInto(`${block} tr[data-param-name="${name}"] input`, value));
  }
  // Swagger UI debounces parameter fields (300 ms) before the value reaches its state.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await page.evaluate(click(`${block} .execute`));
  await page.waitFor(`document.querySelector('${block} .live-responses-table tbody td.response-col_status')`, 'the live response');
  await page.evaluate(`document.querySelector('${block} .live-responses-table').scrollIntoView({ block: 'center' })`);
  return page.evaluate<TriedCall>(`({
    status: document.querySelector('${block} .live-responses-table tbody td.response-col_status').textContent.trim(),
    responseBody: (document.querySelector('${block} .live-responses-table .microlight') || { textContent: '' }).textContent,
    curl: (document.querySelector('${block} .curl-command') || { textContent: '' }).textContent,
  })`);
}
