/**
 * The phone's policies, as pure functions the engine asks before it touches
 * SIP: whether a new call may ring (486 when busy), what "hang up" means in
 * each state, which status a decline sends, how long to wait before the next
 * reconnect, what an incoming CANCEL or a final response means for the call
 * log, how a typed number becomes a SIP URI.
 */
import { isConnected, isLive, type CallState, type EndReason } from './state';

/** Desk settings the policies read. */
export type CallPolicy = {
  /** A second call may ring while the agent is on a call. */
  callWaiting: boolean;
  /** Live calls (ringing, on hold, consulting…) above which a new call is refused with 486. */
  maxCalls: number;
};

export const DEFAULT_CALL_POLICY: CallPolicy = { callWaiting: true, maxCalls: 3 };

export type IncomingDecision =
  /** Ring; `waiting` when the agent is already on a call (a call-waiting tone, not the ringer). */
  | { action: 'ring'; waiting: boolean }
  /** Refuse with 486 Busy Here: this branch only, other agents of a ring group keep ringing. */
  | { action: 'reject'; statusCode: 486; why: 'call_waiting_off' | 'too_many_calls' };

/** What to do with a new inbound call, given the states of the calls already here. */
export function decideIncoming(existing: readonly CallState[], policy: CallPolicy = DEFAULT_CALL_POLICY): IncomingDecision {
  const live = existing.filter(isLive);
  if (live.length >= policy.maxCalls) return { action: 'reject', statusCode: 486, why: 'too_many_calls' };
  const onCall = live.some((s) => isConnected(s) || s.name === 'answering' || s.name === 'dialing' || s.name === 'early');
  if (onCall && !policy.callWaiting) return { action: 'reject', statusCode: 486, why: 'call_waiting_off' };
  return { action: 'ring', waiting: onCall };
}

/** How a call is hung up, by state. */
export type HangupAction =
  /** Ringing here: refuse it (see {@link declineStatus}). */
  | 'decline'
  /** Our INVITE is out: CANCEL it. */
  | 'cancel'
  /** Connected: BYE. */
  | 'bye'
  /** Answered but not yet confirmed: BYE as soon as it is (a callee may not BYE before the ACK). */
  | 'bye_when_established'
  /** Already over. */
  | 'none';

export function hangupAction(s: CallState): HangupAction {
  switch (s.name) {
    case 'ringing':
      return 'decline';
    case 'dialing':
    case 'early':
      return 'cancel';
    case 'answering':
      return 'bye_when_established';
    case 'active':
    case 'held':
    case 'consulting':
    case 'transferring':
      return 'bye';
    case 'ended':
      return 'none';
  }
}

/**
 * The status a decline sends. A queue call is forked to every Ready agent and a
 * 6xx answer ends the whole fork (RFC 3261 §16.7), so a queue call is always
 * declined with 486 (this agent only); a direct call gets 603 Decline unless
 * the agent said "busy".
 */
export const declineStatus = (call: { queue?: string }, busy = false): 486 | 603 => (call.queue !== undefined || busy ? 486 : 603);

/** The end reason for a call we refused with `status`. */
export const declinedReason = (status: number): EndReason => (status === 486 ? 'busy' : 'declined');

/** The end reason of an outbound call refused with a final `status`. */
export function rejectedReason(status: number): EndReason {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 487) return 'hung_up_local'; // Request Terminated: our own CANCEL
  return 'failed';
}

/**
 * The end reason of an inbound call the caller's side CANCELled, from the
 * CANCEL's Reason header (RFC 3326): `SIP;cause=200` ("Call completed
 * elsewhere") means another agent of the ring group answered; anything else
 * (or none) means the caller gave up: a missed call.
 */
export function cancelReason(reasonHeader: string | undefined): EndReason {
  if (reasonHeader && /\bSIP\s*;\s*cause\s*=\s*200\b/i.test(reasonHeader)) return 'answered_elsewhere';
  return 'missed';
}

/** Capped exponential backoff with jitter. */
export type BackoffPolicy = {
  /** Delay before the second attempt (the first is immediate). */
  baseMs: number;
  /** No delay is ever longer. */
  capMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Share of the delay that is random (0: none, 1: "full jitter"). */
  jitter: number;
};

export const DEFAULT_RECONNECT: BackoffPolicy = { baseMs: 500, capMs: 30_000, factor: 2, jitter: 0.5 };

/**
 * Delay before reconnect attempt number `attempt` (0 = the first, right after
 * the drop: 0 ms). `random` is a number in [0, 1) supplied by the caller, so
 * the function stays pure: `min(cap, base·factor^(attempt−1)) · (1 − jitter + jitter·random)`.
 */
export function backoffDelay(attempt: number, random: number, p: BackoffPolicy = DEFAULT_RECONNECT): number {
  if (attempt <= 0) return 0;
  const ceiling = Math.min(p.capMs, p.baseMs * p.factor ** (attempt - 1));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling * (1 - p.jitter + p.jitter * r));
}

/** DTMF digits the phone sends: 0-9, *, #, A-D (and ',' for a pause). */
export const DTMF_RE = /^[0-9A-D*#,]{1,64}$/i;

/**
 * A SIP URI for what the agent typed or clicked: a full `sip:` URI is kept, a
 * `tel:` URI or a number (visual separators removed: spaces, dashes, dots,
 * brackets) becomes `sip:<number>@<domain>`, `user@host` gets `sip:`.
 * Undefined when it is none of those.
 */
export function dialTarget(input: string, domain: string): string | undefined {
  const t = input.trim();
  if (/^sips?:[^@\s]+@[^@\s]+$/i.test(t)) return t;
  const tel = /^tel:([^;]+)/i.exec(t);
  const raw = tel?.[1] ?? t;
  const number = raw.replace(/[\s\-.()]/g, '');
  if (/^\+?[0-9*#]{1,32}$/.test(number)) return `sip:${number}@${domain}`;
  if (/^[A-Za-z0-9._~+-]+@[A-Za-z0-9.-]+$/.test(t)) return `sip:${t}`;
  return undefined;
}

/**
 * The queue an inbound call came through: a queue header set by the PBX
 * (e.g. `X-Queue`) wins; otherwise the called number (To user, then the
 * request-URI user) when it is one of the desk's queue numbers.
 */
export function queueOf(o: { header?: string; toUser?: string; requestUser?: string; queues: readonly string[] }): string | undefined {
  const h = o.header?.trim();
  if (h) return h;
  for (const u of [o.toUser, o.requestUser]) if (u && o.queues.includes(u)) return u;
  return undefined;
}

/** ICE watchdog: what to do about a call's media path in `iceState` that has been so for `forMs`. */
export function iceAction(iceState: string, forMs: number, graceMs: number): 'restart' | 'wait' | 'none' {
  if (iceState === 'failed') return 'restart';
  if (iceState === 'disconnected') return forMs >= graceMs ? 'restart' : 'wait';
  return 'none';
}
