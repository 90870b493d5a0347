/**
 * The browser host's phone engine in a frame of its own (DESIGN.md §1 "Who owns the phone"):
 * `engine.html` loaded from a second origin of the desk server, so that Chromium's site
 * isolation runs it in a renderer process of its own, as Electron's hidden engine window does.
 * The UI's work (rendering the call card, the agent state, the call log) then no longer shares
 * a thread with the call's offer/answer, its media set-up and its audio (bench:call).
 *
 * A second *site* is needed (another port is the same site): on a loopback desk the two names
 * of the same server, `127.0.0.1` and `localhost`. Elsewhere no second origin is known and the
 * page runs the engine itself, as it does when the frame does not answer in time (the desk
 * server down at a reload: the frame's page cannot load).
 *
 * ```
 * page (127.0.0.1:P)                          engine frame (localhost:P/engine.html)
 *   connect() ── iframe made once ─────────►  startPhoneEngine(); posts ENGINE_FRAME_READY to its parent
 *             ◄── ready (origin checked) ────
 *             ── ENGINE_CLIENT_MESSAGE + port ► serves the port (engine-clients.ts)
 *   the previous connection's id ── ENGINE_CLIENT_GONE_MESSAGE ► that port dropped
 * ```
 * A second `ready` means the frame's page was loaded again: the engine is new, `onRestarted`
 * listeners connect again. A frame whose renderer process died (crashed, killed for memory)
 * says nothing at all, and Chromium leaves it dead; so the page pings it every
 * {@link HEARTBEAT_MS} and, after {@link DEAD_AFTER_MISSES} pings in a row unanswered, takes
 * the frame away and tells `onRestarted` listeners, whose next `connect()` makes a new one (as
 * Electron's main recreates its engine window after `render-process-gone`). Misses are counted
 * in pings, not in time, so a page whose timers were throttled or frozen in the background
 * does not mistake its own sleep for the frame's death: the frame answers a ping at once.
 * A frame that dies soon after it said ready is made again only after a growing delay
 * (`restartDelay`, as Electron's main does): an engine that crashes on start is not reloaded in
 * a loop.
 */
import {
  ENGINE_CLIENT_GONE_MESSAGE,
  ENGINE_CLIENT_MESSAGE,
  ENGINE_FRAME_PING_MESSAGE,
  ENGINE_FRAME_PONG_MESSAGE,
  ENGINE_FRAME_READY_MESSAGE,
} from '../../src-shared/host/contract';
import { restartDelay, STABLE_RUN_MS } from '../../src-shared/host/restart';
import type { HostEngine } from './types';

type Place = Pick<Location, 'protocol' | 'hostname' | 'port'>;

/** The desk server's other loopback site (`127.0.0.1` ⇄ `localhost`, same scheme and port), or null. */
export const siblingLoopbackOrigin = (loc: Place): string | null => {
  const other = loc.hostname === '127.0.0.1' ? 'localhost' : loc.hostname === 'localhost' ? '127.0.0.1' : null;
  if (!other || !/^https?:$/.test(loc.protocol)) return null;
  return `${loc.protocol}//${other}${loc.port ? `:${loc.port}` : ''}`;
};

/** What the frame engine needs of the page (a test gives its own). */
export type FrameDocument = Pick<Document, 'createElement' | 'body'>;
export type FrameWindow = Pick<Window, 'addEventListener'>;

/** How long the frame may take to say it is ready before `connect()` gives up (the page then runs the engine itself). */
export const FRAME_READY_TIMEOUT_MS = 8000;

/** After the frame's page loaded: its script says ready before the load event, this is only slack. */
const LOADED_GRACE_MS = 1000;

/** How often the page asks the engine frame whether it is alive. */
export const HEARTBEAT_MS = 2000;
/** Pings in a row without their pong after which the frame counts as dead. */
export const DEAD_AFTER_MISSES = 3;

type Tagged = { firstline?: unknown; n?: unknown } | null;

/**
 * The frame's side of the heartbeat: answers every ping from `parent` (on `parentOrigin`) with
 * its pong. Runs in the engine's page (engine-main.ts), beside the engine.
 */
export const answerFramePings = (win: Pick<Window, 'addEventListener'>, parent: Pick<Window, 'postMessage'>, parentOrigin: string): void => {
  win.addEventListener('message', (event: MessageEvent<Tagged>) => {
    if (event.source !== parent || event.origin !== parentOrigin || event.data?.firstline !== ENGINE_FRAME_PING_MESSAGE) return;
    parent.postMessage({ firstline: ENGINE_FRAME_PONG_MESSAGE, n: event.data.n }, parentOrigin);
  });
};

const newId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

/** The engine in a frame from `origin` (see the module comment). */
export const createFrameEngine = (doc: FrameDocument, win: FrameWindow, origin: string, timeoutMs = FRAME_READY_TIMEOUT_MS): HostEngine => {
  let frame: HTMLIFrameElement | null = null;
  let readies = 0;
  // the restart backoff: when the current frame first said ready, dead frames in a row, and
  // the time before which no new frame is made
  let readyAt: number | null = null;
  let deathsInRow = 0;
  let notBefore = 0;
  let onReady: (() => void) | null = null;
  let lastClient: string | null = null;
  const restarted = new Set<() => void>();
  const tellRestarted = (): void => {
    for (const l of restarted) l();
  };

  // the heartbeat (see the module comment): runs while a frame has said ready
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let pinged = 0;
  let answered = 0;
  let misses = 0;
  const stopHeartbeat = (): void => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };
  const dead = (): void => {
    stopHeartbeat();
    frame?.remove();
    frame = null;
    readies = 0;
    const ranFor = readyAt === null ? 0 : Date.now() - readyAt;
    readyAt = null;
    if (ranFor >= STABLE_RUN_MS) deathsInRow = 0;
    notBefore = Date.now() + restartDelay(deathsInRow++);
    lastClient = null;
    tellRestarted();
  };
  const startHeartbeat = (): void => {
    stopHeartbeat();
    misses = 0;
    answered = pinged;
    heartbeat = setInterval(() => {
      misses = answered === pinged ? 0 : misses + 1;
      if (misses >= DEAD_AFTER_MISSES) return dead();
      pinged += 1;
      frame?.contentWindow?.postMessage({ firstline: ENGINE_FRAME_PING_MESSAGE, n: pinged }, origin);
    }, HEARTBEAT_MS);
  };

  win.addEventListener('message', (event: MessageEvent<Tagged>) => {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    if (event.data?.firstline === ENGINE_FRAME_PONG_MESSAGE) {
      if (event.data.n === pinged) answered = pinged;
      return;
    }
    if (event.data?.firstline !== ENGINE_FRAME_READY_MESSAGE) return;
    readies += 1;
    if (readies === 1) {
      readyAt = Date.now();
      startHeartbeat();
      onReady?.();
    } else {
      lastClient = null;
      tellRestarted();
    }
  });

  const make = (): HTMLIFrameElement => {
    const f = doc.createElement('iframe');
    f.src = `${origin}/engine.html`;
    // the engine's microphone, its audio and ringtone without a click of its own, and the chosen speaker
    f.allow = 'microphone; autoplay; speaker-selection';
    f.title = 'Firstline phone engine';
    f.tabIndex = -1;
    f.setAttribute('aria-hidden', 'true');
    f.hidden = true;
    doc.body.append(f);
    return f;
  };

  /** The frame's window once its engine listens; one frame and one wait shared by every caller. */
  let starting: Promise<Window> | null = null;
  const ready = (): Promise<Window> => {
    if (frame?.contentWindow && readies > 0) return Promise.resolve(frame.contentWindow);
    if (!starting) {
      const wait = notBefore - Date.now();
      starting = wait > 0 ? new Promise<void>((res) => setTimeout(res, wait)).then(load) : load();
    }
    return starting;
  };
  /** Makes the frame and waits for its ready. */
  const load = (): Promise<Window> =>
    new Promise<Window>((resolve, reject) => {
      const f = (frame = make());
      const fail = (): void => {
        clearTimeout(timer);
        onReady = null;
        starting = null;
        // start over next time (the desk may be back)
        f.remove();
        if (frame === f) frame = null;
        reject(new Error('the phone engine frame did not start in time'));
      };
      const timer = setTimeout(fail, timeoutMs);
      // a frame whose page loaded without saying ready (the desk was down: an error page) fails sooner
      f.addEventListener('load', () => setTimeout(() => onReady && fail(), LOADED_GRACE_MS), { once: true });
      onReady = () => {
        clearTimeout(timer);
        onReady = null;
        starting = null;
        if (f.contentWindow) resolve(f.contentWindow);
        else reject(new Error('the phone engine frame is gone'));
      };
    });

  return {
    pageFallback: true,
    connect: async () => {
      const target = await ready();
      if (lastClient) target.postMessage({ firstline: ENGINE_CLIENT_GONE_MESSAGE, clientId: lastClient }, origin);
      const clientId = newId();
      lastClient = clientId;
      const { port1, port2 } = new MessageChannel();
      target.postMessage({ firstline: ENGINE_CLIENT_MESSAGE, clientId, role: 'ui' }, origin, [port2]);
      return port1;
    },
    onRestarted: (listener) => {
      restarted.add(listener);
      return () => restarted.delete(listener);
    },
  };
};
