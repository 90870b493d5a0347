/**
 * The one host interface the renderer uses (DESIGN §1 "Two hosts, one renderer"). In
 * Electron `window.firstline` is the preload's bridge (its type, `FirstlineBridge`, is the
 * IPC contract in src-shared/host/contract.ts); in a browser there is no bridge. `getHost()`
 * turns either into this `Host`. Feature code asks the host what it can do (`journal`,
 * `cache`, `onWake` are there or not) and never checks which host it is in.
 */
import type { FirstlineBridge, HotkeyAction } from '../../src-shared/host/contract';
import type { Mutation } from '../../src-shared/sync/mutations';

/** Append-only, fsync'd disaster copy of every outbox mutation (Electron main). Rejects when main could not write it. */
export type HostJournal = { append(mutation: Mutation): Promise<void> };

/** The host's part in the cache's lifecycle (Electron main backs the journal up on sign-out). */
export type HostCache = { signedOut(): Promise<void> };

/**
 * The phone engine when it runs outside the page (Electron: main's hidden engine window; the
 * browser host: a frame from the desk's other loopback site, engine-frame.ts). Absent where
 * the page starts the engine itself.
 */
export type HostEngine = {
  /** A fresh MessagePort to the engine (speak src-shared/calls/protocol over it). */
  connect(): Promise<MessagePort>;
  /** The engine was restarted (it crashed): ports to it are dead; connect again. Answers an unsubscribe. */
  onRestarted(listener: () => void): () => void;
  /** When `connect` fails the page may run the engine itself (the browser host's engine frame); else it waits and tries again. */
  pageFallback?: boolean;
};

/** The host as the renderer sees it. */
export type Host = {
  kind: 'web' | 'electron';
  /** Present only where a journal exists (Electron). */
  journal?: HostJournal;
  /** Present only where the host keeps something for the cache (Electron). */
  cache?: HostCache;
  /** The user interface language the host suggests (BCP 47, e.g. `zh-CN`). */
  locale(): string;
  /** A system notification (e.g. a call ringing while the window is hidden). */
  notify(title: string, body: string): void;
  /** The desk server's base URL; '' means the page's own origin (both hosts load the page from the desk server). */
  serverUrl(): string;
  /**
   * Where the host can tell that connections may have died or come back (resume from sleep,
   * network change): call `listener` then. Answers an unsubscribe. Absent on the web host
   * (the engine listens to the window's `online` event there).
   */
  onWake?(listener: () => void): () => void;
  /** Present where the phone engine lives outside the page (Electron). */
  engine?: HostEngine;
  /**
   * Global shortcuts the page carries out (Electron: `ready-toggle`; answer, hang up and mute
   * go to the engine directly). Answers an unsubscribe.
   */
  onHotkey?(listener: (action: HotkeyAction) => void): () => void;
  /**
   * The agent clicked the ringing-call notification where the OS shows no Answer button:
   * put the keyboard on that call's Answer. Answers an unsubscribe.
   */
  onAnswerPrompt?(listener: (callId: string) => void): () => void;
};

export type { FirstlineBridge };

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting the DOM's Window needs interface merging
  interface Window {
    /** The Electron preload's bridge; absent in a browser. */
    firstline?: FirstlineBridge;
  }
}
