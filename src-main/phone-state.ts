/**
 * Main's own view of the phone, folded from the engine's events on main's
 * control port (engine-link.ts): the calls (as far as the OS side needs them)
 * and the registration. Power blocking, the ringing notification, the hotkeys'
 * targets and the tray read it. Pure: no Electron, no ports.
 *
 * The engine is the authority; this is a cache that a fresh `phone:snapshot`
 * replaces whole (at each engine generation) and `reset()` empties (the engine
 * died, and its calls with it).
 */
import type { CallStateName } from '../src-shared/calls/state';
import type { Registration } from '../src-shared/calls/protocol';

/** What main knows of one live call. */
export type CallSummary = {
  id: string;
  direction: 'inbound' | 'outbound';
  /** The number to show (user part of the remote URI). */
  number: string;
  displayName?: string;
  /** The queue an inbound call came through. */
  queue?: string;
  state: CallStateName;
  muted: boolean;
  /** Epoch ms: ringing here or dialled. */
  startedAt: number;
};

export type PhoneState = {
  /** Live calls by id (ended ones are dropped). */
  calls: ReadonlyMap<string, CallSummary>;
  registration: Registration['status'] | 'unknown';
};

export const EMPTY_PHONE: PhoneState = { calls: new Map(), registration: 'unknown' };

/** Inbound and still ringing here. */
export const isRinging = (c: CallSummary): boolean => c.direction === 'inbound' && c.state === 'ringing';

/**
 * A call that keeps the machine awake: every live call past ringing (answering,
 * dialling, talking, on hold, consulting, transferring). A call that only rings
 * does not: it may be answered elsewhere, and the ring itself wakes no one.
 */
export const isActive = (c: CallSummary): boolean => c.state !== 'ringing' && c.state !== 'ended';

export const activeCount = (s: PhoneState): number => [...s.calls.values()].filter(isActive).length;

/** Ringing calls, oldest first (the one a hotkey answers). */
export const ringingCalls = (s: PhoneState): CallSummary[] => [...s.calls.values()].filter(isRinging).sort((a, b) => a.startedAt - b.startedAt);

const newestFirst = (calls: Iterable<CallSummary>): CallSummary[] => [...calls].sort((a, b) => b.startedAt - a.startedAt);

/**
 * The call the agent is talking on: `active` first; else an outbound call being
 * set up (`early`, `dialing`); else one being answered. Held, consulting
 * (the caller waits while the agent talks on the consult call) and ringing calls
 * are never "the current call": a hotkey must not hang up a waiting caller or
 * refuse a queue call by surprise.
 */
export const currentCall = (s: PhoneState): CallSummary | undefined => {
  const calls = newestFirst(s.calls.values());
  for (const states of [['active'], ['early', 'dialing'], ['answering']] as const) {
    const hit = calls.find((c) => (states as readonly CallStateName[]).includes(c.state));
    if (hit) return hit;
  }
  return undefined;
};

/** The state after one call update: an ended call leaves the map. */
export const withCall = (s: PhoneState, call: CallSummary): PhoneState => {
  const calls = new Map(s.calls);
  if (call.state === 'ended') calls.delete(call.id);
  else calls.set(call.id, call);
  return { ...s, calls };
};

export const withoutCall = (s: PhoneState, id: string): PhoneState => {
  if (!s.calls.has(id)) return s;
  const calls = new Map(s.calls);
  calls.delete(id);
  return { ...s, calls };
};

export const fromSnapshot = (calls: readonly CallSummary[], registration: PhoneState['registration']): PhoneState => ({
  calls: new Map(calls.filter((c) => c.state !== 'ended').map((c) => [c.id, c])),
  registration,
});
