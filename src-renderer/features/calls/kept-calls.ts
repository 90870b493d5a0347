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
