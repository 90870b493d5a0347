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

const contentsById = new Map<number, FakeWebContents>();
let lastContentsId = 0;

export class FakeWebContents extends Emitter {
  readonly id = ++lastContentsId;
  url = '';
  destroyed = false;
  windowOpenHandler: Handler | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  /** `postMessage(channel, payload, ports)`: how main hands MessagePorts over. */
  readonly posted: { channel: string; payload: unknown; ports: FakeMessagePort[] }[] = [];
  constructor() {
    super();
    contentsById.set(this.id, this);
  }
  postMessage(channel: string, payload: unknown, ports: FakeMessagePort[] = []): void {
    this.posted.push({ channel, payload, ports });
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
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
    return windows.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  focused = false;
  constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
    super();
    windows.push(this);
    // Electron emits web-contents-created for every new web contents.
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
  }
  /** Like Electron: the web contents goes, then 'closed'. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  isVisible = () => this.options.show !== false;
  isFocused = () => this.focused;
  restore = () => undefined;
  show = () => undefined;
  focus = () => {
    this.focused = true;
  };
}

/** One end of a fake MessageChannelMain; what one end posts, the other end's 'message' listeners get. */
export class FakeMessagePort extends Emitter {
  other: FakeMessagePort | null = null;
  started = false;
  closed = false;
  readonly received: unknown[] = [];
  postMessage(data: unknown): void {
    if (this.closed || !this.other || this.other.closed) return;
    this.other.received.push(data);
    this.other.emit('message', { data, ports: [] });
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
}

export class MessageChannelMain {
  readonly port1 = new FakeMessagePort();
  readonly port2 = new FakeMessagePort();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

export const webContents = { fromId: (id: number) => contentsById.get(id) };

export class Notification extends Emitter {
  static readonly shown: Notification[] = [];
  static isSupported = () => true;
  closed = false;
  constructor(readonly options: { title: string; body: string; actions?: { type: string; text: string }[] }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

export class Tray extends Emitter {
  static readonly made: Tray[] = [];
  tooltip = '';
  constructor(readonly icon: string) {
    super();
    Tray.made.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
}

export const globalShortcut = {
  registered: new Map<string, () => void>(),
  register(accelerator: string, callback: () => void): boolean {
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
};

export const powerSaveBlocker = {
  active: new Set<number>(),
  next: 1,
  start(_type: string): number {
    const id = this.next++;
    this.active.add(id);
    return id;
  },
  stop(id: number): boolean {
    return this.active.delete(id);
  },
};

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
  getAppPath: () => process.cwd(),
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
