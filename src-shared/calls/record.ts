/**
 * The call log: one append-only record per call, made by the phone engine
 * when the call ends (event `call:record`) and synced by the workstation.
 * Derived from the call-state machine's {@link Call}, so every outcome comes
 * from the same facts the agent saw.
 */
import type { Call, CallDirection, CallId, EndReason } from './state';

/**
 * How a call turned out, as the call log reports it.
 * - `answered`: talked (inbound answered here, outbound answered by the far end).
 * - `missed`: inbound, rang here, nobody answered before the caller hung up (or it timed out).
 * - `answered_elsewhere`: inbound queue call another agent answered.
 * - `declined`: inbound refused here (by the agent, or 486 because the phone was busy).
 * - `abandoned`: outbound, the agent hung up while it was still ringing.
 * - `unanswered`: outbound, the far end was busy, declined or unreachable.
 * - `transferred`: answered and handed on (blind or attended), or a consult leg that became the transfer.
 * - `failed`: a technical failure before the call was answered.
 */
export const CALL_OUTCOMES = ['answered', 'missed', 'answered_elsewhere', 'declined', 'abandoned', 'unanswered', 'transferred', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One call in the log. Times are ISO 8601 (UTC). */
export type CallRecord = {
  /** The engine's call id; unique, so a record delivered twice is recognised. */
  id: CallId;
  /** SIP Call-ID, to match the PBX's own records. */
  sipCallId: string;
  direction: CallDirection;
  /** The other party's number (user part of the URI). */
  number: string;
  remoteUri: string;
  displayName?: string;
  /** The queue number an inbound call came through. */
  queue?: string;
  /** Started ringing here (inbound) or was dialled (outbound). */
  ringAt: string;
  answerAt?: string;
  endAt: string;
  outcome: CallOutcome;
  endReason: EndReason;
  /** The final SIP status that ended it, when there was one. */
  sipStatus?: number;
  /** Whole seconds from answer to end (0 when never answered). */
  talkSeconds: number;
  /** Whole seconds from ring (dial) to answer, or to end when never answered. */
  ringSeconds: number;
  transferTarget?: string;
  /** A consult leg: the call whose caller waited for it. */
  consultFor?: CallId;
  /** This call replaced another one (we were the transferee or the target of a transfer). */
  replaces?: CallId;
};

const iso = (ms: number): string => new Date(ms).toISOString();

/** The outcome of an ended call. */
export function outcomeOf(direction: CallDirection, answered: boolean, reason: EndReason): CallOutcome {
  if (reason === 'transferred') return 'transferred';
  if (answered) return 'answered';
  if (direction === 'inbound') {
    if (reason === 'answered_elsewhere') return 'answered_elsewhere';
    if (reason === 'declined' || reason === 'busy') return 'declined';
    if (reason === 'failed') return 'failed';
    return 'missed';
  }
  if (reason === 'hung_up_local') return 'abandoned';
  if (reason === 'failed') return 'failed';
  return 'unanswered';
}

/** The record of an ended call; undefined while the call is live. */
export function callRecordOf(c: Call): CallRecord | undefined {
  if (c.state.name !== 'ended' || c.endedAt === undefined) return undefined;
  const { reason, sipStatus } = c.state;
  const answered = c.answeredAt !== undefined;
  const r: CallRecord = {
    id: c.id,
    sipCallId: c.sipCallId,
    direction: c.direction,
    number: c.remote.number,
    remoteUri: c.remote.uri,
    ringAt: iso(c.startedAt),
    endAt: iso(c.endedAt),
    outcome: outcomeOf(c.direction, answered, reason),
    endReason: reason,
    talkSeconds: answered ? Math.max(0, Math.round((c.endedAt - (c.answeredAt ?? c.endedAt)) / 1000)) : 0,
    ringSeconds: Math.max(0, Math.round(((c.answeredAt ?? c.endedAt) - c.startedAt) / 1000)),
  };
  if (c.remote.displayName) r.displayName = c.remote.displayName;
  if (c.queue !== undefined) r.queue = c.queue;
  if (c.answeredAt !== undefined) r.answerAt = iso(c.answeredAt);
  if (sipStatus !== undefined) r.sipStatus = sipStatus;
  if (c.transferTarget !== undefined) r.transferTarget = c.transferTarget;
  if (c.consultFor !== undefined) r.consultFor = c.consultFor;
  if (c.replaces !== undefined) r.replaces = c.replaces;
  return r;
}
