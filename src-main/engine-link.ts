/**
 * Main's own connection to the phone engine: the control port engine-window.ts
 * hands over at each engine generation, speaking the engine's protocol
 * (src-shared/calls/protocol.ts) like any UI window does. Main sends requests
 * (answer, decline, hang up, mute from the hotkeys and the notification; wake
 * and network changes) and folds the engine's pushed events into a
 * {@link PhoneState} that power blocking, the ringing notification and the tray
 * read.
 *
 * The engine is our own page, but its messages are still parsed (zod) before
 * they are believed: a malformed one is logged and dropped. Requests never
 * throw: no engine, a dead port or no answer in time is an error `PhoneResult`.
 * A tel:/sip: link never becomes a request here: dialling needs the agent's
 * confirmation in the UI.
 */
import { z } from 'zod';
import type { PhoneRequestArgs, PhoneRequestChannel, PhoneRequestValues, PhoneResult } from '../src-shared/calls/protocol';
import { createLogger } from './log';
import { EMPTY_PHONE, fromSnapshot, withCall, withoutCall, type CallSummary, type PhoneState } from './phone-state';
import type { Timers } from './engine-window';

const log = createLogger('engine-link');

/** The part of a MessagePortMain main's side uses. */
export type ControlPort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
};

const callSchema = z.object({
  id: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  remote: z.object({ number: z.string(), displayName: z.string().optional() }),
  queue: z.string().optional(),
  state: z.object({
    name: z.enum(['ringing', 'answering', 'dialing', 'early', 'active', 'held', 'consulting', 'transferring', 'ended']),
  }),
  muted: z.boolean(),
  startedAt: z.number(),
});
const registrationSchema = z.object({ status: z.enum(['stopped', 'connecting', 'registering', 'registered', 'down']) });
const messageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('response'), id: z.number(), result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) })]) }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.object({ kind: z.literal('request') }),
]);
const snapshotSchema = z.object({ registration: registrationSchema, calls: z.array(callSchema) });

const summary = (c: z.infer<typeof callSchema>): CallSummary => ({
  id: c.id,
  direction: c.direction,
  number: c.remote.number,
  ...(c.remote.displayName === undefined ? {} : { displayName: c.remote.displayName }),
  ...(c.queue === undefined ? {} : { queue: c.queue }),
  state: c.state.name,
  muted: c.muted,
  startedAt: c.startedAt,
});

export type EngineLinkDeps = {
  /** The phone state changed (calls, registration). */
  changed(state: PhoneState): void;
  timers: Timers;
  /** How long a request may wait for its answer. */
  requestTimeoutMs?: number;
};

export type EngineLink = {
  /** A new engine generation: talk over `port` from now on (the old one is dropped). */
  attach(port: ControlPort, generation: number): void;
  /** The engine is gone: pending requests fail, the state empties. */
  detach(reason: string): void;
  request<C extends PhoneRequestChannel>(channel: C, ...args: PhoneRequestArgs<C>): Promise<PhoneResult<PhoneRequestValues[C]>>;
  state(): PhoneState;
};

type Waiting = { resolve(result: PhoneResult<unknown>): void; timer: unknown };

export const createEngineLink = (deps: EngineLinkDeps): EngineLink => {
  const timeoutMs = deps.requestTimeoutMs ?? 10_000;
  let port: ControlPort | null = null;
  let state: PhoneState = EMPTY_PHONE;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const set = (next: PhoneState): void => {
    if (next === state) return;
    state = next;
    deps.changed(state);
  };

  const failAll = (message: string): void => {
    for (const [id, w] of waiting) {
      deps.timers.clearTimeout(w.timer);
      waiting.delete(id);
      w.resolve({ ok: false, error: { code: 'INTERNAL', message } });
    }
  };

  const onEvent = (event: string, payload: unknown): void => {
    switch (event) {
      case 'phone:registration': {
        const r = registrationSchema.safeParse(payload);
        if (r.success) set({ ...state, registration: r.data.status });
        else log.warn('malformed registration event');
        return;
      }
      case 'call:created':
      case 'call:changed':
      case 'call:ended': {
        const c = callSchema.safeParse(payload);
        if (!c.success) {
          log.warn('malformed call event', { event });
          return;
        }
        set(event === 'call:ended' ? withoutCall(state, c.data.id) : withCall(state, summary(c.data)));
        return;
      }
      default:
        return; // events main has no use for (records, devices, errors…)
    }
  };

  const onMessage = (from: ControlPort, data: unknown): void => {
    if (from !== port) return;
    const m = messageSchema.safeParse(data);
    if (!m.success) {
      log.warn('malformed engine message dropped');
      return;
    }
    const msg = m.data;
    if (msg.kind === 'event') onEvent(msg.event, msg.payload);
    else if (msg.kind === 'response') {
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      deps.timers.clearTimeout(w.timer);
      w.resolve(msg.result as PhoneResult<unknown>);
    }
  };

  const send = (channel: PhoneRequestChannel, args: readonly unknown[]): Promise<PhoneResult<unknown>> => {
    const to = port;
    if (!to) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'the phone engine is not running' } });
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = deps.timers.setTimeout(() => {
        waiting.delete(id);
        log.warn('engine did not answer', { channel });
        resolve({ ok: false, error: { code: 'INTERNAL', message: `the phone engine did not answer ${channel}` } });
      }, timeoutMs);
      waiting.set(id, { resolve, timer });
      try {
        to.postMessage({ kind: 'request', id, channel, args: [...args] });
      } catch (error) {
        deps.timers.clearTimeout(timer);
        waiting.delete(id);
        resolve({ ok: false, error: { code: 'INTERNAL', message: String(error) } });
      }
    });
  };

  const detach = (reason: string): void => {
    const old = port;
    port = null;
    failAll(`the phone engine went away (${reason})`);
    if (old) {
      try {
        old.close();
      } catch {
        // already closed
      }
    }
    set(EMPTY_PHONE);
  };

  return {
    attach(next, generation) {
      if (port) detach('replaced');
      port = next;
      next.on('message', (event) => onMessage(next, event.data));
      next.on('close', () => {
        if (port === next) detach('port closed');
      });
      next.start();
      void send('phone:snapshot', []).then((r) => {
        if (port !== next) return;
        if (!r.ok) {
          log.warn('no snapshot from the engine', { generation, error: r.error });
          return;
        }
        const s = snapshotSchema.safeParse(r.value);
        if (s.success) set(fromSnapshot(s.data.calls.map(summary), s.data.registration.status));
        else log.warn('malformed snapshot', { generation });
      });
    },
    detach,
    // send() answers with what the engine answered for `channel`: PhoneResult<PhoneRequestValues[C]> by the protocol.
    request: <C extends PhoneRequestChannel>(channel: C, ...args: PhoneRequestArgs<C>) =>
      send(channel, args) as Promise<PhoneResult<PhoneRequestValues[C]>>,
    state: () => state,
  };
};
