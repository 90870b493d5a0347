/**
 * The Electron app end to end, through Playwright `_electron`: the built main
 * process (out/main/index.js) and preloads, loading pages from a local http
 * server that stands in for the desk server (these checks are about the shell,
 * not the renderer): a UI page, and at /engine.html a stand-in phone engine
 * that serves every client port it is handed with an echo.
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

/**
 * The engine window's page: records the clients main hands over (and those gone),
 * echoes on each port, and says it is ready once it listens. `__token` tells
 * whether the page was reloaded.
 */
const ENGINE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>engine e2e</title></head><body><script>
  window.__token = Math.random().toString(36).slice(2);
  window.__clients = [];
  window.__gone = [];
  window.addEventListener('message', (e) => {
    if (e.source !== window || !e.data) return;
    if (e.data.firstline === 'engine-client' && e.ports[0]) {
      const port = e.ports[0];
      const role = e.data.role;
      window.__clients.push({ clientId: e.data.clientId, role });
      port.onmessage = (ev) => port.postMessage({ echo: ev.data, role });
    } else if (e.data.firstline === 'engine-client-gone') {
      window.__gone.push(e.data.clientId);
    }
  });
  window.firstlineEngine.ready();
</script></body></html>`;

/** A stand-in for the desk server: serves the UI page and the engine page on a free loopback port. */
const servePage = (): Promise<{ server: Server; url: string }> =>
  new Promise((done, fail) => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url?.startsWith('/engine.html') ? ENGINE_PAGE : PAGE);
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

  /** The UI window's page (the hidden engine window is created first, so not `firstWindow()`). */
  const uiPage = async (): Promise<Page> => {
    for (let i = 0; i < 100; i++) {
      const found = app.windows().find((w) => !w.url().endsWith('/engine.html') && w.url() !== 'about:blank');
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no UI window');
  };
  const enginePage = async (): Promise<Page> => {
    for (let i = 0; i < 100; i++) {
      const found = app.windows().find((w) => w.url().endsWith('/engine.html'));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no engine window');
  };
  /** Connects the UI page to the engine the way the renderer's host does, and echoes once over the port. */
  const connectAndEcho = (p: Page) =>
    p.evaluate(async () => {
      type Bridge = { engine: { connect(): Promise<{ ok: true; value: { clientId: string } } | { ok: false; error: { message: string } }> } };
      const host = (window as unknown as { firstline: Bridge }).firstline;
      const port = await new Promise<MessagePort>((resolve, reject) => {
        let wanted: string | null = null;
        const early = new Map<string, MessagePort>();
        window.addEventListener('message', (e) => {
          if (e.source !== window || e.data?.firstline !== 'engine-port' || !e.ports[0]) return;
          if (e.data.clientId === wanted) resolve(e.ports[0]);
          else if (wanted === null) early.set(e.data.clientId, e.ports[0]);
        });
        void host.engine.connect().then((r) => {
          if (!r.ok) return reject(new Error(r.error.message));
          wanted = r.value.clientId;
          const p0 = early.get(wanted);
          if (p0) resolve(p0);
        });
      });
      return new Promise((resolve) => {
        port.onmessage = (e) => resolve(e.data);
        port.postMessage('ping');
      });
    });

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
    page = await uiPage();
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
    expect(seen).toEqual({
      bridge: ['app', 'cache', 'deeplink', 'engine', 'hotkeys', 'journal', 'on'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
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
    const before = app.windows().length; // the UI window and the hidden engine window
    const handle = await page.evaluate(() => window.open('https://example.com/popup') === null);
    expect(handle).toBe(true);
    expect(app.windows()).toHaveLength(before);
  });

  test('keeps one hidden phone-engine window, unthrottled, with only its own bridge', async () => {
    const engine = await enginePage();
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), visible: w.isVisible(), throttled: w.webContents.getBackgroundThrottling() })),
    );
    const engines = windows.filter((w) => w.url.endsWith('/engine.html'));
    expect(engines).toEqual([{ url: `${url}engine.html`, visible: false, throttled: false }]);
    const seen = await engine.evaluate(() => ({
      engineBridge: Object.keys((window as unknown as { firstlineEngine?: object }).firstlineEngine ?? {}),
      uiBridge: typeof (window as unknown as { firstline?: unknown }).firstline,
    }));
    expect(seen).toEqual({ engineBridge: ['ready'], uiBridge: 'undefined' });
    // main connected itself to the engine once it said it was ready
    await expect.poll(() => engine.evaluate(() => (window as unknown as { __clients: { role: string }[] }).__clients.filter((c) => c.role === 'main').length)).toBe(1);
  });

  test('brokers a port from the UI page to the engine; a UI reload gets a new one while the engine window survives', async () => {
    const engine = await enginePage();
    const token = await engine.evaluate(() => (window as unknown as { __token: string }).__token);
    expect(await connectAndEcho(page)).toEqual({ echo: 'ping', role: 'ui' });

    await page.reload();
    await page.waitForLoadState('domcontentloaded');
    expect(await connectAndEcho(page)).toEqual({ echo: 'ping', role: 'ui' });

    const after = await engine.evaluate(() => {
      const w = window as unknown as { __token: string; __clients: { clientId: string; role: string }[]; __gone: string[] };
      return { token: w.__token, ui: w.__clients.filter((c) => c.role === 'ui').map((c) => c.clientId), gone: w.__gone, main: w.__clients.filter((c) => c.role === 'main').length };
    });
    expect(after.token).toBe(token); // the engine page was never reloaded
    expect(after.ui).toHaveLength(2);
    expect(after.gone).toEqual([after.ui[0]]); // the reloaded page's old port was dropped
    expect(after.main).toBe(1); // main's own connection untouched
    const engines = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.webContents.getURL().endsWith('/engine.html')).length);
    expect(engines).toBe(1);
  });
});
