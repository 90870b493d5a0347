/**
 * The phone engine's hidden window and the MessagePorts main brokers to it
 * (DESIGN.md §1 "Who owns the phone"). One engine per workstation owns the one
 * SIP user agent; UI windows come and go (reload, a second window) and never
 * touch it, so they never drop a call or register twice.
 *
 *   start ──► creating ──engine:ready──► ready (generation n)
 *                ▲                         │ render-process-gone / closed
 *                └──── backoff timer ◄─────┘ (capped; reset after a stable run)
 *
 * - Exactly one engine window: created only when none exists and no restart is
 *   scheduled; a crash destroys it and schedules one new one.
 * - Each `engine:ready` starts a generation: main gets a fresh control port
 *   (`up`) and the connections UI pages asked for while the engine was down are
 *   handed over. Pages whose ports died with the old generation are told
 *   (`notifyRestarted`) so they connect again.
 * - `connectUi` makes a fresh MessageChannel per call: one end to the page, the
 *   other to the engine (held until the engine is ready). `uiGone` (the page
 *   reloads or closes) tells the engine to drop that page's ports; the engine
 *   itself, and its calls, stay.
 *
 * Electron stays behind the ports below; index.ts adapts BrowserWindow and
 * MessageChannelMain to them.
 */
import {
  ENGINE_IPC,
  type EngineClientGoneMessage,
  type EngineClientMessage,
  type EngineConnection,
} from '../src-shared/host/contract';
import { restartDelay, STABLE_RUN_MS } from '../src-shared/host/restart';
import { createLogger } from './log';

const log = createLogger('engine-window');

/** Anything that can be closed: a MessagePortMain, as far as the broker cares. */
export type ClosablePort = { close(): void };

/** The hidden engine window, as created by `EngineHostDeps.createWindow`. */
export type EngineWindow<P extends ClosablePort> = {
  /** Its `webContents.id` (kept from creation: valid after destroy). */
  readonly contentsId: number;
  /** (Re)loads the engine page. */
  load(): void;
  /** `webContents.postMessage(channel, payload, ports)` to the engine's preload. */
  post(channel: string, payload: unknown, ports?: P[]): void;
  destroy(): void;
};

/** What the window tells the broker; index.ts wires Electron's events to these. */
export type EngineWindowEvents = {
  /** The renderer died (`render-process-gone`) or the window closed. */
  gone(reason: string): void;
  /** The main frame failed to load (the desk server may be starting). */
  loadFailed(reason: string): void;
};

/** Timers, so tests can run the backoff by hand. */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type EngineHostDeps<P extends ClosablePort> = {
  /** Creates the hidden window (show: false, backgroundThrottling: false, …) and starts loading the engine page. */
  createWindow(events: EngineWindowEvents): EngineWindow<P>;
  /** A new MessageChannelMain. */
  createChannel(): { port1: P; port2: P };
  /** Hands a UI page its end of a connection (`ENGINE_IPC.port`); false when the page is gone. */
  sendToUi(contentsId: number, connection: EngineConnection, port: P): boolean;
  /** Tells these UI pages that their ports died with the old engine (`engine:restarted`). */
  notifyRestarted(contentsIds: readonly number[], generation: number): void;
  /** The engine is up: main's own control port for this generation. */
  up(port: P, generation: number): void;
  /** The engine went away: its calls are gone with it. */
  down(reason: string): void;
  timers: Timers;
  now(): number;
  newId(): string;
};

/** The broker's face to index.ts and the IPC handlers. */
export type EngineHost = {
  /** Creates the engine window if there is none (and no restart is pending). */
  start(): void;
  /** `engine:ready` from the engine page: starts a generation. False when `contentsId` is not the engine. */
  ready(contentsId: number): boolean;
  /** `engine:connect` from a UI page: a fresh connection, or null when the page is gone. */
  connectUi(contentsId: number): EngineConnection | null;
  /** A UI page is reloading or closed: its ports are dropped on the engine's side. */
  uiGone(contentsId: number): void;
  /** Whether `contentsId` is the engine window (IPC refuses it the UI channels). */
  isEngine(contentsId: number): boolean;
  /** The app is quitting: no more restarts. */
  stop(): void;
  /** For tests and diagnostics. */
  state(): { generation: number; ready: boolean; windows: number; restartPending: boolean };
};

type Client = { contentsId: number; generation: number };
type Pending<P> = { contentsId: number; enginePort: P };

export const createEngineHost = <P extends ClosablePort>(deps: EngineHostDeps<P>): EngineHost => {
  let current: { win: EngineWindow<P>; readyAt: number | null } | null = null;
  let windowsCreated = 0;
  let restartTimer: unknown = null;
  let loadTimer: unknown = null;
  let restartsInRow = 0;
  let loadAttempts = 0;
  let generation = 0;
  let stopped = false;
  const clients = new Map<string, Client>();
  const pending = new Map<string, Pending<P>>();

  const post = (channel: string, payload: EngineClientMessage | EngineClientGoneMessage, ports?: P[]): void => {
    current?.win.post(channel, payload, ports);
  };

  const create = (): void => {
    if (stopped || current || restartTimer !== null) return;
    let win: EngineWindow<P> | null = null;
    const events: EngineWindowEvents = {
      gone: (reason) => {
        if (win) onGone(win, reason);
      },
      loadFailed: (reason) => {
        if (win) onLoadFailed(win, reason);
      },
    };
    win = deps.createWindow(events);
    windowsCreated++;
    current = { win, readyAt: null };
    log.info('engine window created', { contentsId: win.contentsId });
  };

  const onGone = (win: EngineWindow<P>, reason: string): void => {
    if (current?.win !== win) return; // an old window's late event
    const ranFor = current.readyAt === null ? 0 : deps.now() - current.readyAt;
    current = null;
    if (loadTimer !== null) deps.timers.clearTimeout(loadTimer);
    loadTimer = null;
    try {
      win.destroy();
    } catch {
      // already gone
    }
    deps.down(reason);
    if (stopped) return;
    if (ranFor >= STABLE_RUN_MS) restartsInRow = 0;
    const delay = restartDelay(restartsInRow++);
    log.warn('engine window gone; recreating', { reason, delay });
    restartTimer = deps.timers.setTimeout(() => {
      restartTimer = null;
      create();
    }, delay);
  };

  const onLoadFailed = (win: EngineWindow<P>, reason: string): void => {
    if (current?.win !== win || stopped || loadTimer !== null) return;
    const delay = restartDelay(loadAttempts++);
    log.warn('engine page failed to load; retrying', { reason, delay });
    loadTimer = deps.timers.setTimeout(() => {
      loadTimer = null;
      if (current?.win === win) win.load();
    }, delay);
  };

  const handOver = (clientId: string, enginePort: P, contentsId: number): void => {
    post(ENGINE_IPC.client, { clientId, role: 'ui' }, [enginePort]);
    clients.set(clientId, { contentsId, generation });
  };

  return {
    start: create,

    ready(contentsId) {
      if (!current || current.win.contentsId !== contentsId) return false;
      generation++;
      current.readyAt = deps.now();
      loadAttempts = 0;
      log.info('engine ready', { generation });
      const control = deps.createChannel();
      post(ENGINE_IPC.client, { clientId: deps.newId(), role: 'main' }, [control.port2]);
      deps.up(control.port1, generation);
      for (const [clientId, p] of pending) handOver(clientId, p.enginePort, p.contentsId);
      pending.clear();
      // Pages that lost ports with an older generation and have none in this one reconnect.
      const live = new Set([...clients.values()].filter((c) => c.generation === generation).map((c) => c.contentsId));
      const orphaned = new Set<number>();
      for (const [clientId, c] of clients) {
        if (c.generation === generation) continue;
        clients.delete(clientId);
        if (!live.has(c.contentsId)) orphaned.add(c.contentsId);
      }
      if (orphaned.size > 0) deps.notifyRestarted([...orphaned], generation);
      return true;
    },

    connectUi(contentsId) {
      if (current?.win.contentsId === contentsId) return null;
      const clientId = deps.newId();
      const channel = deps.createChannel();
      if (!deps.sendToUi(contentsId, { clientId }, channel.port1)) {
        channel.port1.close();
        channel.port2.close();
        return null;
      }
      if (current && current.readyAt !== null) handOver(clientId, channel.port2, contentsId);
      else pending.set(clientId, { contentsId, enginePort: channel.port2 });
      if (!current && restartTimer === null) create();
      return { clientId };
    },

    uiGone(contentsId) {
      for (const [clientId, c] of clients) {
        if (c.contentsId !== contentsId) continue;
        clients.delete(clientId);
        if (c.generation === generation && current?.readyAt != null) post(ENGINE_IPC.clientGone, { clientId });
      }
      for (const [clientId, p] of pending) {
        if (p.contentsId !== contentsId) continue;
        pending.delete(clientId);
        p.enginePort.close();
      }
    },

    isEngine: (contentsId) => current?.win.contentsId === contentsId,

    stop() {
      stopped = true;
      for (const timer of [restartTimer, loadTimer]) if (timer !== null) deps.timers.clearTimeout(timer);
      restartTimer = null;
      loadTimer = null;
    },

    state: () => ({ generation, ready: current?.readyAt != null, windows: windowsCreated, restartPending: restartTimer !== null }),
  };
};
