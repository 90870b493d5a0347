/**
 * The typed IPC contract between the Electron main process and the renderer
 * (DESIGN.md §1 "Two hosts, one renderer"). Written once here and imported by
 * main (handlers, validation), the preload (the bridge) and the renderer's
 * Electron host adapter.
 *
 * - Requests: renderer → main, one channel per verb, named `domain:verb`. Each
 *   entry is written as a function type (arguments → value); across IPC every
 *   answer is wrapped in a `Result`, never a thrown error.
 * - Events: main → renderer pushes, named `domain:verb`, one payload each.
 * - The bridge: the one object the preload exposes at `window.firstline`.
 *
 * Only type imports here and plain constants: the sandboxed preload bundles this
 * file and may require nothing but `electron` at run time.
 */
import type { Result } from '../result';
import type { Mutation } from '../sync/mutations';

/** The operating system family the workstation runs on. */
export type HostPlatform = 'darwin' | 'win32' | 'linux' | 'other';

/** What the workstation tells the renderer about itself (`app:info`). */
export type AppInfo = {
  /** The app's version (package.json `version`). */
  version: string;
  platform: HostPlatform;
  /** The OS locale as a BCP 47 tag, e.g. `zh-CN`, `en-US`. */
  locale: string;
};

/** What a sign-out did to the disaster journal (`cache:signed-out`). */
export type SignedOut = {
  /** File name of the journal backup kept in the user data folder, or null when the journal was empty. */
  journalBackup: string | null;
};

/**
 * A tel: or sip: link the operating system handed us, reduced to something the
 * phone can dial. It is a *proposal*: the renderer shows it and the agent
 * confirms; it is never dialled on its own (any web page can fire a tel: link).
 */
export type DialRequest =
  /** `tel:+49 30 1234-567` → `+49301234567` (visual separators removed, parameters dropped). */
  | { scheme: 'tel'; number: string }
  /** `sip:1001@pbx.example.com;transport=ws` → `sip:1001@pbx.example.com` (parameters and headers dropped). */
  | { scheme: 'sip'; uri: string; user: string; host: string };

/** Connectivity as the main process sees it (`net:changed`). */
export type NetState = {
  /** Whether the OS reports any network connection. */
  online: boolean;
};

/** `app:` the workstation itself. */
export type AppRequests = {
  /** Version, platform and locale of the workstation. */
  'app:info': () => AppInfo;
};

/**
 * `journal:` the disaster copy of the outbox, kept by main in an append-only,
 * fsync'd file (DESIGN.md §1 "Who owns the cache").
 */
export type JournalRequests = {
  /** Appends one outbox mutation; answers only once it is on disk (fdatasync). */
  'journal:append': (mutation: Mutation) => void;
  /** Every mutation in the journal, in append order, duplicates (same id) dropped, a torn last line skipped. */
  'journal:read': () => Mutation[];
};

/** `cache:` the offline cache's lifecycle. */
export type CacheRequests = {
  /**
   * The agent signed out: main moves the journal aside as a backup and starts an
   * empty one. The renderer clears its own IndexedDB.
   */
  'cache:signed-out': () => SignedOut;
};

/** `deeplink:` tel:/sip: links the OS opened with us. */
export type DeeplinkRequests = {
  /**
   * Drains the links that arrived before this page was listening (e.g. the link
   * that launched the app); later links are pushed as `deeplink:dial`. Subscribe
   * first, then take: nothing is lost and nothing comes twice.
   */
  'deeplink:take': () => DialRequest[];
};

/** What `engine:connect` answers: the id main gave this page's connection to the phone engine. */
export type EngineConnection = {
  /** Matches the `clientId` of the port message the preload posts to the window (see {@link ENGINE_PORT_MESSAGE}). */
  clientId: string;
};

/**
 * `engine:` the phone engine (DESIGN.md §1 "Who owns the phone"). The engine
 * lives in a hidden window owned by main; a UI page talks to it over a
 * MessagePort that main brokers. The port cannot cross the context bridge, so
 * it reaches the page as a `window` message (see {@link ENGINE_PORT_MESSAGE}).
 */
export type EngineRequests = {
  /**
   * Asks main for a fresh MessagePort to the engine. Listen for the window
   * message first, then call: the port may arrive before or after the answer
   * (it is held by main until the engine is up). Each call makes a new port;
   * a page (re)load drops the page's old ones on the engine's side.
   */
  'engine:connect': () => EngineConnection;
};

/** A global shortcut's job: each sends one command to the phone engine. */
export type HotkeyAction = 'answer' | 'hangup' | 'mute' | 'ready-toggle';

/** The global shortcuts: an Electron accelerator per action (e.g. `CommandOrControl+Alt+A`), or null for none. */
export type HotkeyBindings = Record<HotkeyAction, string | null>;

/**
 * How one shortcut fared with the OS: `registered`; `off` (no accelerator);
 * `taken` (another application owns it, or the OS refused); `invalid` (not an
 * accelerator Electron understands).
 */
export type HotkeyState = 'registered' | 'off' | 'taken' | 'invalid';

/** The shortcuts in force and how each fared (`hotkeys:get`, `hotkeys:set`, `hotkeys:changed`). */
export type HotkeySettings = {
  bindings: HotkeyBindings;
  status: Record<HotkeyAction, HotkeyState>;
};

/** `hotkeys:` the global shortcuts (answer, hang up, mute, ready/not ready), kept by main. */
export type HotkeyRequests = {
  /** The bindings in force and their registration state. */
  'hotkeys:get': () => HotkeySettings;
  /**
   * Replaces the bindings, saves them and re-registers; answers how each fared
   * (a shortcut another app owns is `taken`, not an error). Refused with
   * VALIDATION_FAILED when two actions share an accelerator or one has no modifier.
   */
  'hotkeys:set': (bindings: HotkeyBindings) => HotkeySettings;
};

/** Every request the renderer may make of main, per domain, intersected. */
export type HostRequests = AppRequests & JournalRequests & CacheRequests & DeeplinkRequests & EngineRequests & HotkeyRequests;
export type RequestChannel = keyof HostRequests;
export type RequestArgs<C extends RequestChannel> = Parameters<HostRequests[C]>;
export type RequestValue<C extends RequestChannel> = ReturnType<HostRequests[C]>;
/** How a request looks from the renderer: the contract's arguments, a `Result` of its value. */
export type HostInvoke<C extends RequestChannel> = (...args: RequestArgs<C>) => Promise<Result<RequestValue<C>>>;

/** `power:` the machine's power state. */
export type PowerEvents = {
  /** The machine woke from sleep: sockets and registrations may be dead. */
  'power:resume': { at: string };
};

/** `net:` the machine's network. */
export type NetEvents = {
  /** Connectivity or the machine's addresses changed: transports should be re-checked. */
  'net:changed': NetState;
};

/** `deeplink:` links the OS opened with us. */
export type DeeplinkEvents = {
  /** A tel:/sip: link was opened while the page was listening; propose the dial to the agent. */
  'deeplink:dial': DialRequest;
};

/** `engine:` the phone engine's life, as UI pages need to know it. */
export type EngineEvents = {
  /**
   * The engine window was recreated (its renderer crashed or reloaded): the
   * ports this page had are dead; call `engine:connect` again. Sent only to
   * pages that had a port to the old engine.
   */
  'engine:restarted': { generation: number };
};

/** `calls:` call signals main raises from the OS side. */
export type CallsEvents = {
  /**
   * The agent clicked the ringing-call notification where the OS offers no
   * Answer button (Linux, Windows): main focused the window; the page should
   * put the keyboard on that call's Answer.
   */
  'calls:answer-prompt': { callId: string };
};

/** `hotkeys:` the global shortcuts. */
export type HotkeyEvents = {
  /** The bindings or their registration changed (set from another window, a key taken). */
  'hotkeys:changed': HotkeySettings;
  /**
   * A shortcut whose action the page carries out: `ready-toggle` (the agent
   * state, its desk reasons and presence live in the UI, not in the engine).
   * Answer, hang up and mute go straight to the engine and are not pushed.
   */
  'hotkeys:pressed': { action: HotkeyAction };
};

/** Every event main may push to the renderer, per domain, intersected. */
export type HostEvents = PowerEvents & NetEvents & DeeplinkEvents & EngineEvents & CallsEvents & HotkeyEvents;
export type EventChannel = keyof HostEvents;

/** Stops a subscription made with `FirstlineBridge.on`. */
export type Unsubscribe = () => void;

/**
 * The object the preload exposes at `window.firstline` (the Electron host).
 * Named methods only, one per request channel, plus `on` for pushed events;
 * never the raw `ipcRenderer`.
 */
export type FirstlineBridge = {
  app: { info: HostInvoke<'app:info'> };
  journal: { append: HostInvoke<'journal:append'>; read: HostInvoke<'journal:read'> };
  cache: { signedOut: HostInvoke<'cache:signed-out'> };
  deeplink: { take: HostInvoke<'deeplink:take'> };
  engine: { connect: HostInvoke<'engine:connect'> };
  hotkeys: { get: HostInvoke<'hotkeys:get'>; set: HostInvoke<'hotkeys:set'> };
  /** Subscribes to one pushed event; the listener receives the payload only. */
  on: <E extends EventChannel>(event: E, listener: (payload: HostEvents[E]) => void) => Unsubscribe;
};

/** The allow-list of request channels: exactly the keys of `HostRequests` (checked by `satisfies`). */
const REQUESTS = {
  'app:info': true,
  'journal:append': true,
  'journal:read': true,
  'cache:signed-out': true,
  'deeplink:take': true,
  'engine:connect': true,
  'hotkeys:get': true,
  'hotkeys:set': true,
} as const satisfies Record<RequestChannel, true>;

/** The allow-list of event channels: exactly the keys of `HostEvents`. */
const EVENTS = {
  'power:resume': true,
  'net:changed': true,
  'deeplink:dial': true,
  'engine:restarted': true,
  'calls:answer-prompt': true,
  'hotkeys:changed': true,
  'hotkeys:pressed': true,
} as const satisfies Record<EventChannel, true>;

/** Every request channel, for registration in main and allow-list checks. */
export const REQUEST_CHANNELS: readonly RequestChannel[] = Object.freeze(Object.keys(REQUESTS) as RequestChannel[]);
/** Every event channel, for allow-list checks in the preload. */
export const EVENT_CHANNELS: readonly EventChannel[] = Object.freeze(Object.keys(EVENTS) as EventChannel[]);

/** Whether `channel` is a request channel of the contract. */
export const isRequestChannel = (channel: unknown): channel is RequestChannel =>
  typeof channel === 'string' && Object.hasOwn(REQUESTS, channel);

/** Whether `channel` is an event channel of the contract. */
export const isEventChannel = (channel: unknown): channel is EventChannel =>
  typeof channel === 'string' && Object.hasOwn(EVENTS, channel);

/** The global shortcut actions, in the order a settings screen lists them. */
export const HOTKEY_ACTIONS: readonly HotkeyAction[] = Object.freeze(['answer', 'hangup', 'mute', 'ready-toggle'] as const);

/*
 * ---------------------------------------------------------------------------
 * The engine window's side (DESIGN.md §1 "Who owns the phone").
 *
 * The hidden engine window gets its own preload (src-preload/engine.ts) and its
 * own, smaller bridge: it may only say it is ready. Main refuses the UI
 * channels above from the engine window and these from any other window.
 *
 *   engine page                 engine preload              main
 *   listen 'message' ──ready()──► invoke engine:ready ───────► (new generation)
 *        ◄── window message ◄── 'engine:client' + port ◄──── one per client (main itself, each UI connect)
 *        ◄── window message ◄── 'engine:client-gone'   ◄──── a UI page reloaded or closed
 *
 *   UI page                     UI preload                  main
 *   listen 'message' ─connect()─► invoke engine:connect ─────► new MessageChannelMain
 *        ◄── window message ◄── 'engine:port' + port ◄────── the other end goes to the engine
 * ---------------------------------------------------------------------------
 */

/** Requests only the engine window may make. */
export type EngineWindowRequests = {
  /**
   * The engine page is listening for window messages: main (re)sends it its
   * clients from here on. Every call starts a new engine generation (a reload
   * of the engine page lost its ports).
   */
  'engine:ready': () => void;
};
export type EngineWindowChannel = keyof EngineWindowRequests;

/** The object the engine preload exposes at `window.firstlineEngine`. */
export type EngineWindowBridge = {
  ready: () => Promise<Result<void>>;
};

/** Who is at the other end of an engine client port: main itself (hotkeys, notifications, power, wake) or a UI page. */
export type EngineClientRole = 'main' | 'ui';

/** Main → engine preload (IPC, with one port): a new client. */
export type EngineClientMessage = { clientId: string; role: EngineClientRole };
/** Main → engine preload (IPC, no port): a client's page went away; drop its port. */
export type EngineClientGoneMessage = { clientId: string };

/** IPC channels main uses to hand over ports (not bridge events: they carry ports, and the preloads relay them). */
export const ENGINE_IPC = Object.freeze({
  /** Main → UI preload: the UI end of a connection, with `EngineConnection` as payload. */
  port: 'engine:port',
  /** Main → engine preload: the engine end of a connection, with `EngineClientMessage` as payload. */
  client: 'engine:client',
  /** Main → engine preload: `EngineClientGoneMessage`. */
  clientGone: 'engine:client-gone',
} as const);

/** The `firstline` tag of the window messages the preloads post into their page (the page checks `event.source === window`). */
export const ENGINE_PORT_MESSAGE = 'engine-port';
export const ENGINE_CLIENT_MESSAGE = 'engine-client';
export const ENGINE_CLIENT_GONE_MESSAGE = 'engine-client-gone';
/** Browser host: the engine frame's page → its parent, once it listens for clients (src-renderer/host/engine-frame.ts). */
export const ENGINE_FRAME_READY_MESSAGE = 'engine-frame-ready';
/** Browser host: the page → its engine frame, every few seconds (`n` counts up); the frame answers with a pong of the same `n`. */
export const ENGINE_FRAME_PING_MESSAGE = 'engine-frame-ping';
export const ENGINE_FRAME_PONG_MESSAGE = 'engine-frame-pong';

/** A window message a preload posts into its page: the tag, then the IPC payload's fields; the port (if any) in `event.ports[0]`. */
export type EngineWindowMessage =
  | ({ firstline: typeof ENGINE_PORT_MESSAGE } & EngineConnection)
  | ({ firstline: typeof ENGINE_CLIENT_MESSAGE } & EngineClientMessage)
  | ({ firstline: typeof ENGINE_CLIENT_GONE_MESSAGE } & EngineClientGoneMessage);

/** The engine window's request allow-list. */
const ENGINE_WINDOW_REQUESTS = {
  'engine:ready': true,
} as const satisfies Record<EngineWindowChannel, true>;

/** Every request channel of the engine window's bridge. */
export const ENGINE_WINDOW_CHANNELS: readonly EngineWindowChannel[] = Object.freeze(Object.keys(ENGINE_WINDOW_REQUESTS) as EngineWindowChannel[]);

/** Whether `channel` is one of the engine window's request channels. */
export const isEngineWindowChannel = (channel: unknown): channel is EngineWindowChannel =>
  typeof channel === 'string' && Object.hasOwn(ENGINE_WINDOW_REQUESTS, channel);
