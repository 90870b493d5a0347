/**
 * Firstline's Electron main process: the only file that touches Electron's
 * runtime objects. It wires the plain, tested modules next to it (config,
 * security, ipc, journal, deeplink, events, netwatch) to Electron and keeps
 * the wiring thin; see src-main/README.md.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, net, powerMonitor, session, shell, type WebContents } from 'electron';
import type { DialRequest } from '../src-shared/host/contract';
import { readConfig, type MainConfig } from './config';
import { dialFromArgv, parseDialUrl } from './deeplink';
import { createDialInbox } from './dial-inbox';
import { createBroadcaster, type EventPage } from './events';
import { createHandlers, toHostPlatform } from './handlers';
import { createDispatcher, registerIpc } from './ipc';
import { openJournal } from './journal';
import { createLogger, setLogSinks } from './log';
import { addressFingerprint, watchNetwork } from './netwatch';
import {
  SESSION_PARTITION,
  guardContents,
  permissionCheckHandler,
  permissionRequestHandler,
  secureWebPreferences,
  type GuardedContents,
} from './security';

const log = createLogger('main');

/** The URL schemes we offer to handle for the OS (also declared in electron-builder.yml). */
const PROTOCOLS = ['tel', 'sip'] as const;
/** The sandboxed preload, built by electron-vite next to this bundle (out/preload/index.cjs). */
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** Adapts Electron's WebContents to the guard's port. */
const guardedContents = (contents: WebContents): GuardedContents => ({
  onWillNavigate: (handler) => void contents.on('will-navigate', (event) => handler(event, event.url)),
  onWillRedirect: (handler) => void contents.on('will-redirect', (event) => handler(event, event.url, event.isMainFrame)),
  onWillAttachWebview: (handler) => void contents.on('will-attach-webview', (event) => handler(event)),
  setWindowOpenHandler: (handler) => contents.setWindowOpenHandler(handler),
});

const eventPage = (contents: WebContents): EventPage => ({
  url: contents.isDestroyed() ? '' : contents.getURL(),
  destroyed: contents.isDestroyed(),
  send: (channel, payload) => contents.send(channel, payload),
});

const openExternal = (url: string): void => {
  shell.openExternal(url).catch((error: unknown) => log.warn('could not open externally', { url, error: String(error) }));
};

/** Retries a failed page load with capped backoff: the desk server may still be starting. */
const retryDelay = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** attempt);

const start = (config: MainConfig): void => {
  if (config.userDataDir) {
    app.setPath('userData', config.userDataDir);
    app.setAppLogsPath(join(config.userDataDir, 'logs'));
  }
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const logsDir = app.getPath('logs');
  mkdirSync(logsDir, { recursive: true });
  const logFile = createWriteStream(join(logsDir, 'main.log'), { flags: 'a' });
  setLogSinks([(line) => process.stderr.write(line), (line) => logFile.write(line)]);
  log.info('starting', { version: app.getVersion(), rendererUrl: config.rendererUrl });

  let mainWindow: BrowserWindow | null = null;
  const broadcast = createBroadcaster(config.appOrigin, () =>
    BrowserWindow.getAllWindows().map((w) => eventPage(w.webContents)),
  );
  const dialInbox = createDialInbox((request) => broadcast('deeplink:dial', request) > 0);

  const focusMainWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const offerLink = (request: DialRequest | null, raw: unknown): void => {
    if (!request) {
      log.warn('link ignored', { raw: String(raw).slice(0, 100) });
      return;
    }
    dialInbox.offer(request);
    focusMainWindow();
  };

  // macOS hands links over with open-url, possibly before ready; Windows/Linux through argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    offerLink(parseDialUrl(url), url);
  });
  app.on('second-instance', (_event, argv) => {
    const link = argv.find((a) => /^(tel|sip):/i.test(a));
    if (link) offerLink(dialFromArgv(argv), link);
    else focusMainWindow();
  });
  const firstLink = process.platform === 'darwin' ? undefined : process.argv.find((a) => /^(tel|sip):/i.test(a));
  if (firstLink) offerLink(dialFromArgv(process.argv), firstLink);

  // Every web contents, whoever creates it, gets the navigation guards.
  app.on('web-contents-created', (_event, contents) => guardContents(guardedContents(contents), config.appOrigin, openExternal));

  const createMainWindow = (): BrowserWindow => {
    const win = new BrowserWindow({
      width: 1440,
      height: 900,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'Firstline',
      backgroundColor: '#ffffff',
      webPreferences: secureWebPreferences(PRELOAD),
    });
    let attempt = 0;
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-start-navigation', (event) => {
      if (event.isMainFrame && !event.isSameDocument) dialInbox.pageLoading();
    });
    win.webContents.on('did-finish-load', () => {
      attempt = 0;
    });
    win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      if (!isMainFrame || code === -3 /* ABORTED: superseded by another load */) return;
      const delay = retryDelay(attempt++);
      log.warn('page failed to load; retrying', { url, code, description, delay });
      if (!win.isVisible()) win.show();
      setTimeout(() => {
        if (!win.isDestroyed()) void win.loadURL(config.rendererUrl).catch(() => undefined);
      }, delay);
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(config.rendererUrl).catch(() => undefined); // failures are retried by did-fail-load
    return win;
  };

  void app.whenReady().then(() => {
    if (app.isPackaged) {
      // Not in development or tests: that would make a bare electron binary the machine's tel: handler.
      for (const protocol of PROTOCOLS) {
        if (!app.setAsDefaultProtocolClient(protocol)) log.warn('not registered as protocol handler', { protocol });
      }
    } else if (process.defaultApp && process.argv[1] && process.env['FIRSTLINE_REGISTER_PROTOCOLS'] === '1') {
      for (const protocol of PROTOCOLS) app.setAsDefaultProtocolClient(protocol, process.execPath, [resolve(process.argv[1])]);
    }

    for (const ses of [session.defaultSession, session.fromPartition(SESSION_PARTITION)]) {
      ses.setPermissionRequestHandler(permissionRequestHandler(config.appOrigin));
      ses.setPermissionCheckHandler(permissionCheckHandler(config.appOrigin));
    }

    const journal = openJournal(join(app.getPath('userData'), 'journal'));
    const handlers = createHandlers({
      appInfo: () => ({
        version: app.getVersion(),
        platform: toHostPlatform(process.platform),
        locale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
      }),
      journal,
      dialInbox,
    });
    registerIpc(ipcMain, createDispatcher(config.appOrigin, handlers));

    powerMonitor.on('resume', () => broadcast('power:resume', { at: new Date().toISOString() }));
    watchNetwork(
      () => ({ online: net.isOnline(), fingerprint: addressFingerprint(networkInterfaces()) }),
      (state) => broadcast('net:changed', state),
      (ms, tick) => {
        const timer = setInterval(tick, ms);
        return () => clearInterval(timer);
      },
    );

    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
    app.on('will-quit', () => void journal.close());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
};

const config = readConfig(process.env, { packaged: app.isPackaged });
if (config.ok) {
  start(config.value);
} else {
  log.error('bad configuration', config.error);
  void app.whenReady().then(() => {
    dialog.showErrorBox('Firstline cannot start', config.error.message);
    app.exit(1);
  });
}
