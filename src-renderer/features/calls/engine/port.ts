/**
 * The engine's message-port interface: `servePhonePort` connects one port to
 * the engine (requests in, responses and events out); `createPhoneClient` is
 * the other end, typed by the protocol in src-shared/calls. In Electron, main
 * brokers one MessagePort pair per UI window to the hidden engine window; in
 * the browser host both ends live in the page (`new MessageChannel()`).
 */
import {
  parsePhoneRequest,
  type PhoneEventMessage,
  type PhoneEventName,
  type PhoneEvents,
  type PhoneMessage,
  type PhoneRequestArgs,
  type PhoneRequestChannel,
  type PhoneRequestValues,
  type PhoneResponseMessage,
  type PhoneResult,
} from '../../../../src-shared/calls';
import type { PhoneEngine } from './engine';

/** What the engine needs of a port: a MessagePort, or anything shaped like one. */
export type PortLike = { postMessage: (message: unknown) => void; onmessage: ((ev: MessageEvent) => void) | null };

/** Serves `engine` on `port`; returns the detach. Bad requests get a BAD_REQUEST response, never an exception. */
export function servePhonePort(engine: PhoneEngine, port: PortLike): () => void {
  const send = (m: PhoneMessage) => {
    try {
      port.postMessage(m);
    } catch {
      /* the window went away; main detaches it */
    }
  };
  port.onmessage = (ev) => {
    const parsed = parsePhoneRequest(ev.data);
    if (!parsed.ok) {
      if (parsed.id !== undefined) send({ kind: 'response', id: parsed.id, result: { ok: false, error: parsed.error } });
      return;
    }
    void engine.request(parsed.request).then((result) => send({ kind: 'response', id: parsed.request.id, result }));
  };
  const unsubscribe = engine.subscribe(send);
  return () => {
    unsubscribe();
    port.onmessage = null;
  };
}

/** A window's handle on the engine. */
export type PhoneClient = {
  request: <C extends PhoneRequestChannel>(channel: C, ...args: PhoneRequestArgs<C>) => Promise<PhoneResult<PhoneRequestValues[C]>>;
  on: <E extends PhoneEventName>(event: E, listener: (payload: PhoneEvents[E]) => void) => () => void;
  /** Every event, in order (for a store that folds them with `applyPhoneEvent`). */
  onEvent: (listener: (msg: PhoneEventMessage) => void) => () => void;
  close: () => void;
};

/** The client end of a phone port. Requests time out (`TIMEOUT` never crosses: it becomes an INTERNAL error) after `timeoutMs`. */
export function createPhoneClient(port: PortLike, timeoutMs = 30_000): PhoneClient {
  let seq = 0;
  const pending = new Map<number, (r: PhoneResult<unknown>) => void>();
  const listeners = new Set<(msg: PhoneEventMessage) => void>();
  port.onmessage = (ev) => {
    const m = ev.data as PhoneMessage;
    if (m?.kind === 'response') {
      const r = m satisfies PhoneResponseMessage;
      pending.get(r.id)?.(r.result);
      pending.delete(r.id);
    } else if (m?.kind === 'event') {
      for (const l of listeners) l(m);
    }
  };
  return {
    request: (channel, ...args) =>
      new Promise((resolve) => {
        const id = ++seq;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'INTERNAL', message: `${channel}: no answer from the phone engine in ${timeoutMs} ms` } });
        }, timeoutMs);
        pending.set(id, (r) => {
          clearTimeout(timer);
          resolve(r as PhoneResult<never>);
        });
        port.postMessage({ kind: 'request', id, channel, args });
      }),
    on: (event, listener) => {
      const l = (msg: PhoneEventMessage) => {
        if (msg.event === event) listener(msg.payload as PhoneEvents[typeof event]);
      };
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      port.onmessage = null;
      listeners.clear();
      for (const [id, resolve] of pending) resolve({ ok: false, error: { code: 'INTERNAL', message: `request ${id} abandoned: client closed` } });
      pending.clear();
    },
  };
}
