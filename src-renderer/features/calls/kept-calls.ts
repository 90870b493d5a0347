/**
 * This window's connected calls, kept in sessionStorage. In the browser host the engine runs in
 * the page's own frame, so a reload takes the engine and its calls with it while the callers
 * still hold theirs. After the reload, the calls the new engine does not have are the dead
 * one's: the call log gets them as cut off and the new engine ends their dialogs
 * (engine/dialogs.ts). Where the engine outlives a reload (Electron: main keeps it), its
 * snapshot still has the calls and nothing is done. Pure but for the storage it is given.
 */
import { z } from 'zod';
import { DIALOG_REF_SCHEMA, type Call, type PhoneSnapshot } from '../../../src-shared/calls';

export const KEPT_CALLS_KEY = 'firstline.phone.connectedCalls';
/** When the page went away (pagehide) with calls connected: when those calls ended. */
export const LEFT_AT_KEY = 'firstline.phone.leftAt';
/** More live calls than an engine takes (maxCalls ≤ 10). */
const MAX_KEPT = 10;

/** What a kept call must have to be logged and ended (the rest of `Call` is taken as it is). */
const keptCall = z
  .object({
    id: z.string().min(1).max(100),
    direction: z.enum(['inbound', 'outbound']),
    sipCallId: z.string().max(200),
    remote: z.object({ uri: z.string().max(500), number: z.string().max(100), displayName: z.string().max(200).optional() }),
    state: z.object({ name: z.string() }).passthrough(),
    startedAt: z.number(),
    dialog: DIALOG_REF_SCHEMA,
  })
  .passthrough();

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The kept calls (none when nothing valid is kept). */
export const readKeptCalls = (storage: Storage | null): Call[] => {
  try {
    const parsed = z.array(keptCall).max(MAX_KEPT).safeParse(JSON.parse(storage?.getItem(KEPT_CALLS_KEY) ?? '[]'));
    return parsed.success ? (parsed.data as unknown as Call[]) : [];
  } catch {
    return [];
  }
};

/** Keeps `calls` (or forgets them all, for none). Storage that refuses is no worse than none. */
export const writeKeptCalls = (storage: Storage | null, calls: readonly Call[]): void => {
  try {
    if (calls.length) storage?.setItem(KEPT_CALLS_KEY, JSON.stringify(calls.slice(0, MAX_KEPT)));
    else storage?.removeItem(KEPT_CALLS_KEY);
  } catch {
    // blocked or full: a reload then cannot end these calls
  }
};

/** The kept calls the engine's snapshot does not have: they died with the engine before it. */
export const callsLostBefore = (kept: readonly Call[], snapshot: PhoneSnapshot): Call[] => {
  const alive = new Set(snapshot.calls.flatMap((c) => [c.id, c.sipCallId]));
  return kept.filter((c) => !alive.has(c.id) && !alive.has(c.sipCallId));
};

/** Notes when this page goes away (pagehide) while it holds connected calls: they end with it. */
export const markLeft = (storage: Storage | null, now: number): void => {
  try {
    storage?.setItem(LEFT_AT_KEY, String(now));
  } catch {
    // blocked or full: the calls then end at the next page's start
  }
};

/** When the page before this one went away, read once (then forgotten); null when it did not say (e.g. it crashed). */
export const takeLeftAt = (storage: Storage | null): number | null => {
  try {
    const v = Number(storage?.getItem(LEFT_AT_KEY) ?? NaN);
    storage?.removeItem(LEFT_AT_KEY);
    return Number.isSafeInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
};

/**
 * When the calls lost with the page before ended: when that page went away, if known and
 * plausible (not before any of them started, not in the future); else now. So the reload's own
 * seconds do not count as talk time.
 */
export const lostCallsEndAt = (lost: readonly Call[], leftAt: number | null, now: number): number =>
  leftAt !== null && leftAt <= now && lost.every((c) => leftAt >= c.startedAt) ? leftAt : now;
