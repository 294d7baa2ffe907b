import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadlessChromiumError } from '../errors';

/** Flags that work in this container: no sandbox, no GPU, no network chatter of its own, a fresh profile. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A page of a headless Chromium, driven over the DevTools protocol (Node's own WebSocket). */
export interface ChromiumPage {
  /** Sends a DevTools command and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy; past `timeoutMs` (default 20 s) fails naming `description`. */
  waitFor(expression: string, description: string, timeoutMs?: number): Promise<void>;
}

/**
 * Starts Debian's `chromium` headless with a fresh profile, opens one page, runs `use` on it and
 * stops the browser (and removes the profile) whatever happens.
 *
 * @example
 * await withHeadlessChromium({ width: 1280, height: 1400 }, async (page) => { await page.send('Page.navigate', { url }); });
 */
export async function withHeadlessChromium<T>(viewport: { width: number; height: number }, use: (page: ChromiumPage) => Promise<T>, executable = process.env['CHROMIUM'] ?? 'chromium'): Promise<T> {
  const profile = mkdtempSync(path.join(tmpdir(), 'docs-check-chromium-'));
  const child = spawn(executable, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', `--window-size=${viewport.width},${viewport.height}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  try {
    const browserUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new HeadlessChromiumError('chromium did not open its DevTools port within 20 s', output)), 20_000);
      child.once('error', (error) => reject(new HeadlessChromiumError(`cannot start ${executable} (apt-get install -y chromium): ${error.message}`)));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1] as string);
        }
      });
    });
    const targets = (await (await fetch(`http://${new URL(browserUrl).host}/json/list`)).json()) as Array<{ type: string; webSocketDebuggerUrl: string }>;
    const target = targets.find((t) => t.type === 'page');
    if (!target) throw new HeadlessChromiumError('chromium opened no page', output);
    const page = await connect(target.webSocketDebuggerUrl);
    try {
      await page.send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: false });
      return await use(page);
    } finally {
      page.close();
    }
  } finally {
    await stop(child);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function connect(url: string): Promise<ChromiumPage & { close(): void }> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new HeadlessChromiumError(`cannot connect to ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id as number);
    if (message.error) waiter.reject(new HeadlessChromiumError(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new HeadlessChromiumError(`page script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  const waitFor = async (expression: string, description: string, timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(await evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > deadline) throw new HeadlessChromiumError(`timed out after ${timeoutMs / 1000} s waiting for ${description}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { send, evaluate, waitFor, close: () => socket.close() };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
