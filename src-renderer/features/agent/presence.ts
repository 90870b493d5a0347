/**
 * Telling the desk the agent's state (`POST /api/presence`) without ever blocking the agent:
 * only the latest state matters, so a report waiting for the server is replaced by a newer
 * one. While the server is unreachable, or does not offer presence yet (404), the latest
 * report is kept and sent again with backoff; a report the server refuses (4xx) is dropped.
 *
 * ```
 * idle ──report──► sending ──ok / refused──► idle (or sending the newer one)
 *                     │
 *                     └─absent / unreachable / 401──► retrying ──timer or newer report──► sending
 * ```
 */
import type { DeskAnswer } from '../calls';
import type { PresenceReport } from './wiring';

export type PresenceDelivery =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'retrying'; reason: 'absent' | 'unreachable' | 'unauthenticated'; attempt: number }
  | { state: 'refused'; message: string };

export type PresenceDeps = {
  post: (report: PresenceReport) => Promise<DeskAnswer<unknown>>;
  onDelivery: (d: PresenceDelivery) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
};

export type PresenceReporter = {
  report: (r: PresenceReport) => void;
  /** Resolves once nothing waits to be sent, the server is known not to answer now, or after `timeoutMs`. */
  flush: (timeoutMs: number) => Promise<void>;
  stop: () => void;
};

/** How long to wait before trying again. */
export const presenceRetryMs = (reason: 'absent' | 'unreachable' | 'unauthenticated', attempt: number): number =>
  reason === 'absent' ? 60_000 : reason === 'unauthenticated' ? 30_000 : Math.min(60_000, 2000 * 2 ** Math.min(attempt, 5));

export function createPresenceReporter(deps: PresenceDeps): PresenceReporter {
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let latest: PresenceReport | null = null;
  let inFlight: Promise<void> | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let stopped = false;
  let retrying = false;

  const kick = (): void => {
    if (stopped || inFlight || !latest) return;
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    const sent = latest;
    retrying = false;
    deps.onDelivery({ state: 'sending' });
    inFlight = deps
      .post(sent)
      .catch((e: unknown): DeskAnswer<unknown> => ({ kind: 'unreachable', reason: String(e) }))
      .then((a) => {
        inFlight = null;
        if (stopped) return;
        if (a.kind === 'ok' || a.kind === 'refused') {
          attempt = 0;
          if (latest === sent) latest = null;
          deps.onDelivery(a.kind === 'ok' ? { state: 'idle' } : { state: 'refused', message: a.message });
          kick();
          return;
        }
        if (latest !== sent) return kick(); // a newer state came meanwhile: send that now
        retrying = true;
        deps.onDelivery({ state: 'retrying', reason: a.kind, attempt });
        timer = setTimer(() => {
          timer = null;
          kick();
        }, presenceRetryMs(a.kind, attempt++));
      });
  };

  return {
    report: (r) => {
      latest = r;
      kick();
    },
    flush: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!stopped && (inFlight || (latest && !retrying)) && Date.now() < deadline) {
        const wait = inFlight ?? Promise.resolve();
        await Promise.race([wait, new Promise((res) => setTimeout(res, Math.max(0, deadline - Date.now())))]);
        if (!inFlight && latest && !retrying) kick();
      }
    },
    stop: () => {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
