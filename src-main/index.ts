/**
 * Firstline's Electron main process: the only file that touches Electron's
 * runtime objects. It wires the plain, tested modules next to it (config,
 * security, ipc, journal, deeplink, events, netwatch, engine-window,
 * engine-link, hotkeys, call-notify, power, tray-state) to Electron and keeps
 * the wiring thin; see src-main/README.md.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  MessageChannelMain,
  Notification,
  Tray,
  app,
  dialog,
  globalShortcut,
  ipcMain,
  net,
  powerMonitor,
  powerSaveBlocker,
  session,
  shell,
  webContents as allContents,
  type MessagePortMain,
  type WebContents,
} from 'electron';
import { ENGINE_IPC, type DialRequest, type EventChannel, type HostEvents, type HotkeyAction } from '../src-shared/host/contract';
import { createCallNotifier, type ShowNotification } from './call-notify';
import { readConfig, type MainConfig } from './config';
import { dialFromArgv, parseDialUrl } from './deeplink';
import { createDialInbox } from './dial-inbox';
import { createEngineLink } from './engine-link';
import { createEngineHost, type EngineWindow, type EngineWindowEvents } from './engine-window';
import { createBroadcaster, type EventPage } from './events';
import { createHandlers, toHostPlatform, type HotkeyService } from './handlers';
import { openHotkeyStore } from './hotkey-store';
import { createHotkeys } from './hotkeys';
import { createDispatcher, registerIpc } from './ipc';
import { openJournal } from './journal';
import { createLogger, setLogSinks } from './log';
import { addressFingerprint, watchNetwork } from './netwatch';
import { commandFor } from './phone-commands';
import { activeCount, ringingCalls, type PhoneState } from './phone-state';
import { createPowerGuard } from './power';
import {
  SESSION_PARTITION,
  engineWebPreferences,
  guardContents,
  permissionCheckHandler,
  permissionRequestHandler,
  secureWebPreferences,
  type GuardedContents,
} from './security';
import { trayTooltip } from './tray-state';

const log = createLogger('main');

/** The URL schemes we offer to handle for the OS (also declared in electron-builder.yml). */
const PROTOCOLS = ['tel', 'sip'] as const;
/** The sandboxed preloads, built by electron-vite next to this bundle (out/preload/*.cjs): UI windows', the engine window's. */
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const ENGINE_PRELOAD = fileURLToPath(new URL('../preload/engine.cjs', import.meta.url));
/** The tray icon, when the app ships it (development: the repository's resources/). */
const trayIconPath = (): string | null => {
  const path = join(app.getAppPath(), 'resources', 'icons', 'icon.png');
  return existsSync(path) ? path : null;
};

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
  /** The UI windows (agent desk; a supervisor wall later). Never the hidden engine window. */
  const uiWindows = new Set<BrowserWindow>();
  const broadcast = createBroadcaster(config.appOrigin, () => [...uiWindows].filter((w) => !w.isDestroyed()).map((w) => eventPage(w.webContents)));
  /** Pushes one event to one UI page (still only if it is on our origin). */
  const sendTo = <E extends EventChannel>(contentsId: number, event: E, payload: HostEvents[E]): void => {
    const contents = allContents.fromId(contentsId);
    if (contents) createBroadcaster(config.appOrigin, () => [eventPage(contents)])(event, payload);
  };
  const dialInbox = createDialInbox((request) => broadcast('deeplink:dial', request) > 0);
  const locale = (): string => app.getPreferredSystemLanguages()[0] ?? app.getLocale();

  /** Set once the app is ready: from then on a missing UI window can be made again. */
  let ready = false;
  const focusMainWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      // macOS keeps the app (and the engine, and its calls) without a window: a link, a notification or the tray brings one back.
      if (ready) mainWindow = createMainWindow();
      return;
    }
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

  // The phone: one hidden engine window, main's control connection to it, and the OS side.
  const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const power = createPowerGuard(powerSaveBlocker);
  let tray: Tray | null = null;
  const showNotification: ShowNotification = (spec, handlers) => {
    if (!Notification.isSupported()) throw new Error('notifications are not supported here');
    // Silent: the engine plays the ringtone on the agent's ringer device.
    const n = new Notification({ title: spec.title, body: spec.body, silent: true, timeoutType: 'never', urgency: 'critical', actions: spec.actions.map((text) => ({ type: 'button' as const, text })) });
    n.on('action', (_event, index) => handlers.action(index));
    n.on('click', () => handlers.click());
    n.show();
    return { close: () => n.close() };
  };
  const logFailure = (what: string) => (r: { ok: boolean; error?: unknown }) => {
    if (!r.ok) log.warn(`${what} failed`, r.error);
  };
  const notifier = createCallNotifier({
    platform: toHostPlatform(process.platform),
    locale,
    uiHasAttention: () => [...uiWindows].some((w) => !w.isDestroyed() && w.isVisible() && !w.isMinimized() && w.isFocused()),
    show: showNotification,
    answer: (callId) => void link.request('call:answer', { callId }).then(logFailure('answer')),
    decline: (callId) => void link.request('call:decline', { callId }).then(logFailure('decline')),
    focusUi: () => focusMainWindow(),
    prompt: (callId) => void broadcast('calls:answer-prompt', { callId }),
  });
  const phoneChanged = (state: PhoneState): void => {
    power.update(activeCount(state));
    notifier.sync(ringingCalls(state));
    tray?.setToolTip(trayTooltip(state, locale()));
  };
  const link = createEngineLink({ changed: phoneChanged, timers });

  const createEngineWindow = (events: EngineWindowEvents): EngineWindow<MessagePortMain> => {
    const win = new BrowserWindow({ show: false, skipTaskbar: true, title: 'Firstline phone engine', webPreferences: engineWebPreferences(ENGINE_PRELOAD) });
    const contents = win.webContents;
    contents.on('render-process-gone', (_event, details) => events.gone(details.reason));
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (isMainFrame && code !== -3) events.loadFailed(`${code} ${description}`);
    });
    contents.on('unresponsive', () => log.warn('the phone engine is unresponsive'));
    contents.on('responsive', () => log.info('the phone engine is responsive again'));
    win.on('closed', () => events.gone('closed'));
    const load = (): void => void win.loadURL(config.engineUrl).catch(() => undefined); // failures: did-fail-load
    load();
    return {
      contentsId: contents.id,
      load,
      post: (channel, payload, ports) => {
        if (!contents.isDestroyed()) contents.postMessage(channel, payload, ports ?? []);
      },
      destroy: () => {
        if (!win.isDestroyed()) win.destroy();
      },
    };
  };
  const engine = createEngineHost<MessagePortMain>({
    createWindow: createEngineWindow,
    createChannel: () => new MessageChannelMain(),
    sendToUi: (contentsId, connection, port) => {
      const contents = allContents.fromId(contentsId);
      if (!contents || contents.isDestroyed()) return false;
      contents.postMessage(ENGINE_IPC.port, connection, [port]);
      return true;
    },
    notifyRestarted: (ids, generation) => ids.forEach((id) => sendTo(id, 'engine:restarted', { generation })),
    up: (port, generation) => link.attach(port, generation),
    down: (reason) => link.detach(reason),
    timers,
    now: Date.now,
    newId: randomUUID,
  });

  const runHotkey = (action: HotkeyAction): void => {
    const command = commandFor(action, link.state());
    if (command.to === 'none') log.info('hotkey: nothing to do', { action, why: command.why });
    else if (command.to === 'ui') broadcast('hotkeys:pressed', { action });
    else if (command.channel === 'call:mute') void link.request('call:mute', command.arg).then(logFailure(action));
    else void link.request(command.channel, command.arg).then(logFailure(action));
  };
  const hotkeys = createHotkeys(globalShortcut, runHotkey);

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
    uiWindows.add(win);
    const contentsId = win.webContents.id;
    let attempt = 0;
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-start-navigation', (event) => {
      if (!event.isMainFrame || event.isSameDocument) return;
      dialInbox.pageLoading();
      // The page's ports die with it; the engine, and its calls, stay.
      engine.uiGone(contentsId);
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
      uiWindows.delete(win);
      engine.uiGone(contentsId);
      if (mainWindow === win) mainWindow = null;
      // The hidden engine window keeps `window-all-closed` from firing: the last UI window decides.
      if (uiWindows.size === 0 && process.platform !== 'darwin') app.quit();
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
    const hotkeyStore = openHotkeyStore(join(app.getPath('userData'), 'settings'));
    const hotkeyService: HotkeyService = {
      settings: () => hotkeys.settings(),
      update: async (bindings) => {
        await hotkeyStore.save(bindings);
        const settings = hotkeys.apply(bindings);
        broadcast('hotkeys:changed', settings);
        return settings;
      },
    };
    const handlers = createHandlers({
      appInfo: () => ({ version: app.getVersion(), platform: toHostPlatform(process.platform), locale: locale() }),
      journal,
      dialInbox,
      engine,
      hotkeys: hotkeyService,
    });
    registerIpc(ipcMain, createDispatcher(config.appOrigin, handlers, engine.isEngine));

    // Sleep and network changes: the pages hear it, and the engine re-checks its connection and calls.
    powerMonitor.on('resume', () => {
      broadcast('power:resume', { at: new Date().toISOString() });
      void link.request('phone:wake').then(logFailure('wake'));
    });
    watchNetwork(
      () => ({ online: net.isOnline(), fingerprint: addressFingerprint(networkInterfaces()) }),
      (state) => {
        broadcast('net:changed', state);
        void link.request('phone:networkChanged', { online: state.online }).then(logFailure('network change'));
      },
      (ms, tick) => {
        const timer = setInterval(tick, ms);
        return () => clearInterval(timer);
      },
    );

    engine.start();
    void hotkeyStore.load().then((bindings) => hotkeys.apply(bindings));
    const icon = trayIconPath();
    if (icon) {
      try {
        tray = new Tray(icon);
        tray.setToolTip(trayTooltip(link.state(), locale()));
        tray.on('click', () => focusMainWindow());
      } catch (error) {
        log.warn('no tray', { error: String(error) });
      }
    }

    mainWindow = createMainWindow();
    ready = true;
    app.on('activate', () => {
      if (uiWindows.size === 0) mainWindow = createMainWindow();
    });
    app.on('before-quit', () => {
      engine.stop();
      notifier.clear();
    });
    app.on('will-quit', () => {
      hotkeys.dispose();
      void journal.close();
    });
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
