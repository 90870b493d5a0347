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

/** Every request the renderer may make of main, per domain, intersected. */
export type HostRequests = AppRequests & JournalRequests & CacheRequests & DeeplinkRequests;
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

/** Every event main may push to the renderer, per domain, intersected. */
export type HostEvents = PowerEvents & NetEvents & DeeplinkEvents;
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
} as const satisfies Record<RequestChannel, true>;

/** The allow-list of event channels: exactly the keys of `HostEvents`. */
const EVENTS = {
  'power:resume': true,
  'net:changed': true,
  'deeplink:dial': true,
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
