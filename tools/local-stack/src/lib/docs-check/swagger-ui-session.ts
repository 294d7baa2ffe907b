import type { ChromiumPage } from './headless-chromium';

const json = (value: unknown): string => JSON.stringify(value);

/** An expression that is the first element matching `selector`, or null. */
const query = (selector: string): string => `document.querySelector(${json(selector)})`;

/** An element the session uses, and how a timeout message names it. */
interface Target {
  readonly selector: string;
  readonly description: string;
}

/** Waits until `target` is on the page and can be used (attached, not disabled), then returns it. */
async function present(page: ChromiumPage, target: Target): Promise<Target> {
  await page.waitFor(`(() => { const element = ${query(target.selector)}; return element !== null && element.isConnected && !element.disabled; })()`, `${target.description} (${target.selector})`);
  return target;
}

async function click(page: ChromiumPage, target: Target): Promise<void> {
  await present(page, target);
  await page.evaluate(`${query(target.selector)}.click()`);
}

/** Sets a React-controlled input the way typing does (Swagger UI ignores a plain `value =`). */
async function typeInto(page: ChromiumPage, target: Target, text: string): Promise<void> {
  await present(page, target);
  await page.evaluate(`(() => {
    const input = ${query(target.selector)};
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${json(text)});
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
}

/**
 * An expression that is the parameter values Swagger UI holds in its state for an operation (what
 * "Execute" sends), keyed `in.name` (`path.productId`), or null while the document is not loaded.
 * Swagger UI debounces its fields, so a typed value reaches this state a moment after the input.
 */
const parameterValuesOf = (operationId: string): string => `(() => {
  const paths = window.ui && window.ui.specSelectors.specJson().get('paths');
  if (!paths) return null;
  for (const [path, operations] of paths.entries()) {
    for (const [method, operation] of operations.entries()) {
      if (operation && operation.get && operation.get('operationId') === ${json(operationId)}) {
        return window.ui.specSelectors.parameterValues([path, method]).toJS();
      }
    }
  }
  return null;
})()`;

/** What Swagger UI showed after "Execute". */
export interface TriedCall {
  readonly status: string;
  readonly responseBody: string;
  /** The curl command Swagger UI shows for the request it sent. */
  readonly curl: string;
}

/**
 * Drives Swagger UI as a person would: Authorize → paste the bearer token → Authorize → Close;
 * open one operation, fill its path parameters, Execute, and read the live response. Every step
 * waits for the element it uses (Swagger UI renders in several passes, in an order that changes
 * between browser versions) and a timeout names what was awaited.
 *
 * @example
 * await authorize(page, token);
 * const call = await tryOperation(page, 'catalog', 'getProduct', { productId: 'p#1' });
 */
export async function authorize(page: ChromiumPage, token: string): Promise<void> {
  await click(page, { selector: '.btn.authorize', description: 'the Authorize button' });
  await typeInto(page, { selector: '.auth-container input', description: 'the token field of the Authorize dialog' }, token);
  await click(page, { selector: '.auth-container .btn.modal-btn.auth.authorize', description: "the dialog's Authorize button" });
  await page.waitFor(`${query('.auth-container .btn.modal-btn.auth:not(.authorize)')} || ${query('.auth-container .btn-done')}`, 'the authorized state of the dialog (its Logout or Close button)');
  await click(page, { selector: '.auth-container .btn.modal-btn.auth.btn-done, .close-modal', description: "the dialog's Close button" });
  await page.waitFor(query('.btn.authorize.locked'), 'the locked padlock on Authorize (.btn.authorize.locked)');
}

export async function tryOperation(page: ChromiumPage, tag: string, operationId: string, pathParameters: Readonly<Record<string, string>>): Promise<TriedCall> {
  const block = `#operations-${tag}-${operationId}`;
  await click(page, { selector: `${block} .opblock-summary-control`, description: `operation ${operationId}` });
  for (const [name, value] of Object.entries(pathParameters)) {
    await typeInto(page, { selector: `${block} tr[data-param-name="${name}"][data-param-in="path"] input`, description: `the ${name} field of ${operationId}` }, value);
  }
  // Execute sends what Swagger UI's state holds, not what the fields show: wait until every typed
  // value has got there.
  const expected = Object.fromEntries(Object.entries(pathParameters).map(([name, value]) => [`path.${name}`, value]));
  await page.waitFor(
    `(() => { const held = ${parameterValuesOf(operationId)}; const expected = ${json(expected)}; return held !== null && Object.keys(expected).every((key) => held[key] === expected[key]); })()`,
    `Swagger UI's state to hold ${Object.keys(pathParameters).join(', ')} for ${operationId}`,
  );
  await click(page, { selector: `${block} .execute`, description: `the Execute button of ${operationId}` });
  const live = `${block} .live-responses-table`;
  await page.waitFor(query(`${live} tbody td.response-col_status`), `the live response of ${operationId} (${live})`);
  await page.evaluate(`${query(live)}.scrollIntoView({ block: 'center' })`);
  return page.evaluate<TriedCall>(`({
    status: ${query(`${live} tbody td.response-col_status`)}.textContent.trim(),
    responseBody: (${query(`${live} .microlight`)} || { textContent: '' }).textContent,
    curl: (${query(`${block} .curl-command`)} || { textContent: '' }).textContent,
  })`);
}
