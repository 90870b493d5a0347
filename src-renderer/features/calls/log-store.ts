/**
 * Where the call log lives: every entry is an append-only `call` record of the data layer
 * (kept in the agent's cache, synced to the desk server, works offline). The calls store
 * holds the log this window shows; this module keeps both in step.
 */
import { addRecord, getWorkstation, listRecords } from '../sync';
import { entryOfCallRecord, recordOfEntry, type CallLogEntry } from './log';
import { addToCallLog, closeCallLog, getPhoneView, openCallLog, usePhoneStore } from './store';

/** Before the data layer kept the log, it was in localStorage under this key (read once, then moved). */
const legacyKey = (userId: string): string => `firstline.callLog.${userId}`;

const readLegacy = (userId: string): CallLogEntry[] => {
  try {
    const raw = localStorage.getItem(legacyKey(userId));
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? (v.filter((e) => typeof e === 'object' && e !== null && typeof (e as CallLogEntry).id === 'string') as CallLogEntry[]) : [];
  } catch {
    return [];
  }
};

/** Adds entries to the log on screen and keeps each as a record (deduplicated by id). */
export const logCalls = async (entries: readonly CallLogEntry[]): Promise<void> => {
  addToCallLog(entries);
  for (const e of entries) await addRecord(recordOfEntry(e));
};

/** Shows the signed-in agent's call log: the kept records, plus (once) what an older version kept in localStorage. */
export const loadCallLog = async (userId: string): Promise<void> => {
  openCallLog(userId);
  const ws = getWorkstation();
  if (!ws || ws.user.id !== userId) return;
  const kept = await listRecords(ws.store, 'call').catch(() => []);
  if (usePhoneStore.getState().logOwner !== userId) return;
  addToCallLog(kept.map((r) => entryOfCallRecord(r.record)));
  const legacy = readLegacy(userId);
  if (legacy.length) {
    await logCalls(legacy);
    try {
      localStorage.removeItem(legacyKey(userId));
    } catch {
      // blocked storage: read again next time, deduplicated by id
    }
  }
};

export const unloadCallLog = (): void => closeCallLog();

/** How long after a call ends a ticket saved is still taken as that call's ticket (after-call work). */
const LINK_WINDOW_MS = 15 * 60_000;

/** Links a call (by its id, live or ended) to a ticket, as an append-only record. */
export const linkCallToTicket = (callId: string, ticketId: string) => addRecord({ kind: 'callLink', callId, ticketId });

/**
 * A ticket was saved: link it to the call the agent is on (answered, not ended), or else to
 * the call answered here that ended last, within the after-call window. Answers the call id
 * linked, or null when there was none.
 */
export const linkCurrentCall = async (ticketId: string, now = Date.now()): Promise<string | null> => {
  const view = getPhoneView();
  const live = view.calls.filter((c) => c.answeredAt !== undefined && c.endedAt === undefined && !c.consultFor);
  const recent = view.records
    .filter((r) => r.answerAt && now - Date.parse(r.endAt) <= LINK_WINDOW_MS && !r.consultFor)
    .sort((a, b) => Date.parse(b.endAt) - Date.parse(a.endAt));
  const id = live[0]?.id ?? recent[0]?.id ?? null;
  if (id) await linkCallToTicket(id, ticketId);
  return id;
};
