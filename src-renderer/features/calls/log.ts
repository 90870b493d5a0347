/**
 * The call log as the workstation shows and keeps it: one entry per call the engine recorded
 * (`call:record`), plus calls the agent logged by hand because they were taken on another
 * phone during a telephony outage. Newest first, deduplicated by id. Pure. Each entry is kept
 * and synced as an append-only `call` record (src-shared/sync/records.ts).
 */
import { DTMF_RE, type CallDirection, type CallOutcome, type CallRecord, type EndReason } from '../../../src-shared/calls';
import { newId } from '../../../src-shared/ids';
import type { CallLogRecord } from '../../../src-shared/sync/records';

/** Where an entry comes from: this workstation's phone, or the agent's note of a call on another phone. */
export type CallLogSource = 'phone' | 'other_phone';

/** One line of the call log. Times are ISO 8601. */
export type CallLogEntry = {
  id: string;
  source: CallLogSource;
  direction: CallDirection;
  number: string;
  displayName?: string;
  /** The queue number an inbound call came through. */
  queue?: string;
  ringAt: string;
  answerAt?: string;
  endAt: string;
  talkSeconds: number;
  outcome: CallOutcome;
  /** How the call ended (phone calls): e.g. `failed` for an answered call cut off with its engine or network. */
  endReason?: EndReason;
  transferTarget?: string;
  sipCallId?: string;
  notes?: string;
};

/** The most entries kept on the workstation. */
export const MAX_LOG_ENTRIES = 1000;

/** A log entry from the engine's call record. */
export const entryOfRecord = (r: CallRecord): CallLogEntry => {
  const e: CallLogEntry = {
    id: r.id,
    source: 'phone',
    direction: r.direction,
    number: r.number,
    ringAt: r.ringAt,
    endAt: r.endAt,
    talkSeconds: r.talkSeconds,
    outcome: r.outcome,
    endReason: r.endReason,
    sipCallId: r.sipCallId,
  };
  if (r.displayName) e.displayName = r.displayName;
  if (r.queue !== undefined) e.queue = r.queue;
  if (r.answerAt) e.answerAt = r.answerAt;
  if (r.transferTarget) e.transferTarget = r.transferTarget;
  return e;
};

/** An answered call that did not end by a hang-up or a transfer: its engine or network failed under it (the caller may have heard silence). */
export const wasCutOff = (e: Pick<CallLogEntry, 'outcome' | 'endReason'>): boolean => e.outcome === 'answered' && e.endReason === 'failed';

/** The log with `entries` added: an id already there is kept as it was; newest (ring time) first; at most `max`. */
export const addEntries = (log: readonly CallLogEntry[], entries: readonly CallLogEntry[], max = MAX_LOG_ENTRIES): CallLogEntry[] => {
  const seen = new Set(log.map((e) => e.id));
  const fresh = entries.filter((e) => {
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
  if (fresh.length === 0) return [...log];
  return [...log, ...fresh].sort((a, b) => (a.ringAt < b.ringAt ? 1 : a.ringAt > b.ringAt ? -1 : 0)).slice(0, max);
};

/** The "log a call taken on another phone" form, as typed. `start` is an `<input type="datetime-local">` value. */
export type ManualCallInput = { number: string; direction: CallDirection; start: string; minutes: string; notes: string };

export type ManualCallErrors = Partial<Record<'number' | 'start' | 'minutes' | 'notes', 'required' | 'phoneChars' | 'invalid' | 'future' | 'tooLong'>>;

const PHONE_RE = /^[0-9+\-() #*]+$/;

/** A datetime-local value ("2025-03-04T14:05") as local time → epoch ms. */
export const parseLocalDateTime = (v: string): number | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v.trim());
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? undefined : d.getTime();
};

/** Epoch ms → a datetime-local value in local time (minutes). */
export const toLocalDateTime = (ms: number): string => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** Checks the form; answers the entry to add, or what to correct. A logged call was answered (talked) by definition. */
export const manualEntry = (
  input: ManualCallInput,
  now: number,
  makeId: () => string = newId,
): { ok: true; entry: CallLogEntry } | { ok: false; errors: ManualCallErrors } => {
  const errors: ManualCallErrors = {};
  const number = input.number.trim();
  if (!number) errors.number = 'required';
  else if (!PHONE_RE.test(number) || number.length > 40) errors.number = 'phoneChars';
  const start = parseLocalDateTime(input.start);
  if (!input.start.trim()) errors.start = 'required';
  else if (start === undefined) errors.start = 'invalid';
  else if (start > now + 60_000) errors.start = 'future';
  const minutesText = input.minutes.trim().replace(',', '.');
  const minutes = minutesText === '' ? 0 : Number(minutesText);
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > 24 * 60) errors.minutes = 'invalid';
  if (input.notes.length > 2000) errors.notes = 'tooLong';
  if (Object.keys(errors).length > 0 || start === undefined) return { ok: false, errors };
  const talkSeconds = Math.round(minutes * 60);
  const at = new Date(start).toISOString();
  const entry: CallLogEntry = {
    id: makeId(),
    source: 'other_phone',
    direction: input.direction,
    number,
    ringAt: at,
    answerAt: at,
    endAt: new Date(start + talkSeconds * 1000).toISOString(),
    talkSeconds,
    outcome: 'answered',
  };
  const notes = input.notes.trim();
  if (notes) entry.notes = notes;
  return { ok: true, entry };
};

/** Digits the keypad may send (RFC 4733 events). */
export const isDtmfDigit = (d: string): boolean => d.length === 1 && DTMF_RE.test(d) && d !== ',';

/** The optional fields an entry and its record share (kept only when set). */
type OptionalPart = Pick<CallLogEntry, 'sipCallId' | 'displayName' | 'queue' | 'answerAt' | 'endReason' | 'transferTarget' | 'notes'>;

/** `to` with the optional fields `from` has set. */
const withOptional = <T extends OptionalPart>(to: T, from: OptionalPart): T => {
  if (from.sipCallId) to.sipCallId = from.sipCallId;
  if (from.displayName) to.displayName = from.displayName;
  if (from.queue !== undefined) to.queue = from.queue;
  if (from.answerAt) to.answerAt = from.answerAt;
  if (from.endReason) to.endReason = from.endReason;
  if (from.transferTarget) to.transferTarget = from.transferTarget;
  if (from.notes) to.notes = from.notes;
  return to;
};

/** The append-only record (synced to the desk server) of a log entry. */
export const recordOfEntry = (e: CallLogEntry): Omit<CallLogRecord, 'at'> & { at: string } => {
  const r: Omit<CallLogRecord, 'at'> & { at: string } = {
    id: e.id,
    kind: 'call',
    at: e.endAt,
    source: e.source,
    direction: e.direction,
    number: e.number,
    ringAt: e.ringAt,
    endAt: e.endAt,
    talkSeconds: e.talkSeconds,
    outcome: e.outcome,
  };
  return withOptional(r, e);
};

/** The log entry of a kept record. */
export const entryOfCallRecord = (r: CallLogRecord): CallLogEntry => {
  const e: CallLogEntry = {
    id: r.id,
    source: r.source,
    direction: r.direction,
    number: r.number,
    ringAt: r.ringAt,
    endAt: r.endAt,
    talkSeconds: r.talkSeconds,
    outcome: r.outcome,
  };
  return withOptional(e, r);
};
