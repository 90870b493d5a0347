/**
 * The Electron app end to end, through Playwright `_electron`: the built main
 * process (out/main/index.js) and preload, loading a page from a local http
 * server that stands in for the desk server (these checks are about the shell,
 * not the renderer).
 *
 * Runs only where the Electron binary exists. On machines where `electron` was
 * installed without its binary, every test here is SKIPPED and says so: a
 * skipped test proves nothing and must not be counted as coverage.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const SKIP_REASON = 'Electron binary not present on this machine: this spec did not run';
const MAIN = resolve('out/main/index.js');

/** The Electron executable, if this machine has it (`require('electron')` is its path, or throws). */
const electronBinary = (): string | null => {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
};
const BINARY = electronBinary();

if (!BINARY) {
  process.stderr.write(`\n*** e2e/electron: SKIPPED — ${SKIP_REASON}. It proves nothing here. ***\n\n`);
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firstline e2e</title></head>
<body><h1>Firstline</h1><a id="away" href="https://example.com/">away</a></body></html>`;

/** A stand-in for the desk server: serves one page on a free loopback port. */
const servePage = (): Promise<{ server: Server; url: string }> =>
  new Promise((done, fail) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    });
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) done({ server, url: `http://127.0.0.1:${address.port}/` });
      else fail(new Error('no port'));
    });
  });

test.describe('Electron shell', () => {
  test.skip(!BINARY, SKIP_REASON);

  let server: Server;
  let url: string;
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  test.beforeEach(async () => {
    expect(existsSync(MAIN), 'build first: npx electron-vite build').toBe(true);
    ({ server, url } = await servePage());
    dataDir = mkdtempSync(join(tmpdir(), 'firstline-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL' && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await electron.launch({
      executablePath: BINARY ?? undefined,
      args: [MAIN],
      env: { ...env, FIRSTLINE_DESK_URL: url, FIRSTLINE_USER_DATA_DIR: dataDir },
    });
    // Keep links that main hands to the OS in the test, instead of opening a real browser.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      Object.assign(globalThis, { __opened: opened });
      shell.openExternal = async (target: string) => void opened.push(target);
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterEach(async () => {
    await app?.close();
    server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the main window on the desk page', async () => {
    await expect(page).toHaveTitle('Firstline e2e');
    expect(page.url()).toBe(url);
  });

  test('exposes window.firstline and nothing of Node', async () => {
    const seen = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { firstline?: object }).firstline ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(seen).toEqual({ bridge: ['app', 'cache', 'deeplink', 'journal', 'on'], require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  test('answers over the bridge with Results, and refuses an invalid payload', async () => {
    const answers = await page.evaluate(async () => {
      const host = (window as unknown as { firstline: { app: { info(): Promise<unknown> }; journal: { append(m: unknown): Promise<unknown> } } }).firstline;
      return { info: await host.app.info(), bad: await host.journal.append({ kind: 'dropTable' }) };
    });
    expect(answers.info).toMatchObject({ ok: true, value: { version: expect.any(String) } });
    expect(answers.bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('blocks navigation away and hands the link to the OS', async () => {
    await page.click('#away');
    await page.evaluate(() => {
      window.location.href = 'https://example.org/elsewhere';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(url);
    const opened = await app.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened);
    expect(opened).toEqual(['https://example.com/', 'https://example.org/elsewhere']);
  });

  test('denies window.open', async () => {
    const handle = await page.evaluate(() => window.open('https://example.com/popup') === null);
    expect(handle).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
