/**
 * A native notification for a call that rings while the agent cannot see it:
 * every UI window hidden, minimised or unfocused. It names the caller and the
 * queue and offers Answer and Decline where the OS shows notification buttons
 * to Electron (macOS). Elsewhere (Linux, Windows without a toast template) a
 * click on it focuses the window and asks the page to put the keyboard on that
 * call's Answer (`calls:answer-prompt`). It closes as soon as the call stops
 * ringing (answered here or elsewhere, declined, missed).
 *
 *   ringing(call) ──[no UI window visible+focused]──► shown ──call stops ringing──► closed
 *                                                      │ Answer → answer + focus
 *                                                      │ Decline → decline
 *                                                      └ click → focus + answer prompt (never an answer: a click is not consent)
 */
import type { HostPlatform } from '../src-shared/host/contract';
import type { CallSummary } from './phone-state';
import { createLogger } from './log';

const log = createLogger('call-notify');

/** A notification as call-notify asks for it; index.ts makes an Electron `Notification`. */
export type NotificationSpec = {
  title: string;
  body: string;
  /** Button labels, in order; empty where the platform shows none. */
  actions: string[];
};

export type NotificationHandlers = {
  /** A button was pressed (its index in `actions`). */
  action(index: number): void;
  /** The notification itself was clicked. */
  click(): void;
};

/** Shows one notification; the answer closes it. */
export type ShowNotification = (spec: NotificationSpec, handlers: NotificationHandlers) => { close(): void };

export type CallNotifierDeps = {
  platform: HostPlatform;
  /** UI language for the texts: `zh…` gives Chinese, anything else English. */
  locale: () => string;
  /** Whether some UI window is visible, not minimised and focused (then the page's own ringing UI is enough). */
  uiHasAttention: () => boolean;
  show: ShowNotification;
  answer(callId: string): void;
  decline(callId: string): void;
  /** Shows, restores and focuses the main UI window. */
  focusUi(): void;
  /** Pushes `calls:answer-prompt` to the UI pages. */
  prompt(callId: string): void;
};

export type CallNotifier = {
  /** The engine reported a call ringing here. */
  ringing(call: CallSummary): void;
  /** The call no longer rings (any reason). */
  stopped(callId: string): void;
  /** Brings the notifications in line with the calls ringing now: new ones shown (if unseen), the rest closed. */
  sync(ringing: readonly CallSummary[]): void;
  /** Closes every notification (engine gone, app quitting). */
  clear(): void;
  /** Ids of the calls with a notification up (tests, diagnostics). */
  open(): string[];
};

const TEXT = {
  en: { title: 'Incoming call', queue: (q: string) => `Incoming call — queue ${q}`, answer: 'Answer', decline: 'Decline', unknown: 'Unknown caller' },
  zh: { title: '来电', queue: (q: string) => `来电 — 队列 ${q}`, answer: '接听', decline: '拒接', unknown: '未知来电' },
} as const;

/** The notification's texts for `call` (title: queue; body: name and number). */
export const ringingSpec = (call: CallSummary, locale: string, withActions: boolean): NotificationSpec => {
  const t = locale.toLowerCase().startsWith('zh') ? TEXT.zh : TEXT.en;
  const who = [call.displayName, call.number].filter((s): s is string => Boolean(s && s.trim())).join(' · ') || t.unknown;
  return {
    title: call.queue ? t.queue(call.queue) : t.title,
    body: who,
    actions: withActions ? [t.answer, t.decline] : [],
  };
};

export const createCallNotifier = (deps: CallNotifierDeps): CallNotifier => {
  const shown = new Map<string, { close(): void }>();
  const withActions = deps.platform === 'darwin';

  const close = (callId: string): void => {
    const n = shown.get(callId);
    if (!n) return;
    shown.delete(callId);
    try {
      n.close();
    } catch {
      // already dismissed by the OS
    }
  };

  const notifier: CallNotifier = {
    ringing(call) {
      if (shown.has(call.id) || deps.uiHasAttention()) return;
      const spec = ringingSpec(call, deps.locale(), withActions);
      // Handlers act only while the call still rings: a late click on a stale notification does nothing.
      const live = () => shown.has(call.id);
      try {
        const n = deps.show(spec, {
          action: (index) => {
            if (!live()) return;
            close(call.id);
            if (index === 0) {
              deps.answer(call.id);
              deps.focusUi();
            } else if (index === 1) {
              deps.decline(call.id);
            }
          },
          click: () => {
            deps.focusUi();
            if (live()) deps.prompt(call.id);
          },
        });
        shown.set(call.id, n);
      } catch (error) {
        log.warn('could not show the ringing notification', { error: String(error) });
      }
    },
    stopped: close,
    sync(ringing) {
      const now = new Set(ringing.map((c) => c.id));
      for (const id of [...shown.keys()]) if (!now.has(id)) close(id);
      for (const call of ringing) notifier.ringing(call);
    },
    clear() {
      for (const id of [...shown.keys()]) close(id);
    },
    open: () => [...shown.keys()],
  };
  return notifier;
};
