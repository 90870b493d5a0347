/**
 * A stand-in for the parts of the `electron` module that index.ts touches, for
 * index.test.ts (not product code). It records what main did and lets a test
 * fire Electron's events. It is not Electron: the real thing is covered by
 * e2e/electron where a binary exists.
 */
type Handler = (...args: unknown[]) => unknown;

/** A tiny event emitter that keeps its listeners where a test can reach them. */
class Emitter {
  readonly listeners = new Map<string, Handler[]>();
  on(event: string, listener: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Handler): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}

export class FakeWebContents extends Emitter {
  url = '';
  windowOpenHandler: Handler | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends Emitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return windows;
  }
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    windows.push(this);
    // Electron emits web-contents-created for every new web contents.
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  isVisible = () => true;
  restore = () => undefined;
  show = () => undefined;
  focus = () => undefined;
}

export class FakeSession {
  requestHandler: Handler | null = null;
  checkHandler: Handler | null = null;
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: Handler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.checkHandler = handler;
  }
}

const sessions = new Map<string, FakeSession>();
const paths = new Map<string, string>();
let ready: () => void = () => undefined;
const whenReady = new Promise<void>((resolve) => (ready = resolve));

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  calls: [] as string[],
  protocolClients: [] as string[],
  setPath: (name: string, path: string) => void paths.set(name, path),
  setAppLogsPath: (path: string) => void paths.set('logs', path),
  getPath: (name: string) => paths.get(name) ?? `/nonexistent/${name}`,
  enableSandbox: () => void app.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => (app.calls.push('requestSingleInstanceLock'), true),
  quit: () => void app.calls.push('quit'),
  exit: () => void app.calls.push('exit'),
  getVersion: () => '0.1.0',
  getLocale: () => 'en-US',
  getPreferredSystemLanguages: () => ['zh-CN'],
  setAsDefaultProtocolClient: (protocol: string) => (app.protocolClients.push(protocol), true),
  whenReady: () => whenReady,
  /** Test control: resolve whenReady(). */
  ready: () => ready(),
});

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, listener: Handler): void {
    this.handlers.set(channel, listener);
  },
};

export const session = {
  defaultSession: new FakeSession(''),
  fromPartition(partition: string): FakeSession {
    const existing = sessions.get(partition) ?? new FakeSession(partition);
    sessions.set(partition, existing);
    return existing;
  },
};

export const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) };
export const dialog = { showErrorBox: () => undefined };
export const net = { isOnline: () => true };
export const powerMonitor = new Emitter();
export const BrowserWindow = FakeBrowserWindow;
