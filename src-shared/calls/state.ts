/**
 * The call-state machine: one call as the workstation sees it, whatever the
 * SIP stack underneath. The phone engine moves a call only through
 * {@link moveCall}; a move this machine refuses is a bug or a race (a hold
 * answered after the caller hung up) and is dropped, never applied.
 *
 * ```
 *  inbound                          outbound
 *  ringing ──answer──► answering     dialing ──progress──► early
 *     │                   │             │                    │
 *     │              established   established          established
 *     │                   ▼             ▼                    ▼
 *     │                ┌─────────────── active ──────consult─────────┐
 *     │                │           hold │ ▲ resume                    ▼
 *     │                │                ▼ │                      consulting
 *     │                │               held ◄────consultEnded─────────┤
 *     │                │                │  ───────consult───────────► │
 *     │                └──transfer──────┴──► transferring ◄─transfer──┘
 *     │                         (REFER)         │  (REFER with Replaces)
 *     │                                         └─transferFailed─► back where it came from
 *     ▼
 *   ended {reason}  ◄──────── end (from every state but ended) ─────────
 * ```
 *
 * `consulting` is the first leg of an attended transfer: the caller is held
 * while the agent talks to the transfer target on a second (consult) call.
 * When the consult call ends without a transfer the caller stays held
 * (`consultEnded`); "return to the caller" is then an ordinary resume.
 * `ended` carries why: answered elsewhere, missed, declined, busy, failed,
 * hung up locally or remotely, transferred — and only the reasons that can
 * happen in the state the call is in are accepted (a call that never rang
 * here cannot be "answered elsewhere"; an answered call cannot be "missed").
 */

/** The engine's id for a call (not the SIP Call-ID, which the far end chooses for inbound calls). */
export type CallId = string;

export type CallDirection = 'inbound' | 'outbound';

/** Why a call ended. */
export const END_REASONS = [
  /** Inbound, rang here, another agent of the ring group answered (CANCEL with cause 200). */
  'answered_elsewhere',
  /** Inbound, rang here, nobody answered: the caller hung up or it timed out. */
  'missed',
  /** Refused: by us while it rang (inbound) or by the far end with 603 (outbound). */
  'declined',
  /** Refused as busy: by us (486 when we cannot take it) or by the far end (486/600). */
  'busy',
  /** A technical failure: no route, no media, an error response, a dead transport. */
  'failed',
  /** The agent hung up (BYE), or cancelled an outbound call before it was answered. */
  'hung_up_local',
  /** The other party hung up. */
  'hung_up_remote',
  /** Handed on: a blind or attended transfer completed, or a transfer replaced this call. */
  'transferred',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** Where a call can be. */
export type CallState =
  /** Inbound, ringing here (with or without other calls). */
  | { name: 'ringing' }
  /** Inbound, the agent answered; waiting for media and the ACK. */
  | { name: 'answering' }
  /** Outbound, INVITE sent, nothing heard back but 100 Trying. */
  | { name: 'dialing' }
  /** Outbound, the far end rings (18x); early media may flow. */
  | { name: 'early' }
  /** Talking. */
  | { name: 'active' }
  /** Put on hold by the agent (re-INVITE accepted). */
  | { name: 'held' }
  /** Held while the agent consults `consultId` (the first leg of an attended transfer). */
  | { name: 'consulting'; consultId: CallId }
  /** A REFER is out; `from` is where the call goes back to if the transfer fails. */
  | { name: 'transferring'; from: TransferOrigin }
  /** Over. `sipStatus` is the final response that ended it, when there was one. */
  | { name: 'ended'; reason: EndReason; sipStatus?: number };

export type CallStateName = CallState['name'];
export type TransferOrigin = Exclude<CallState, { name: 'ringing' | 'answering' | 'dialing' | 'early' | 'transferring' | 'ended' }>;

/** What can happen to a call. */
export type CallEvent =
  | { type: 'answer' }
  | { type: 'progress' }
  | { type: 'established' }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'consult'; consultId: CallId }
  | { type: 'transfer' }
  | { type: 'transferFailed' }
  | { type: 'consultEnded' }
  | { type: 'end'; reason: EndReason; sipStatus?: number };

/** The end reasons that make sense from each state. */
const END_FROM: Readonly<Record<Exclude<CallStateName, 'ended'>, readonly EndReason[]>> = {
  ringing: ['answered_elsewhere', 'missed', 'declined', 'busy', 'failed'],
  // the CANCEL can cross our 200 OK; the agent's hang-up during answering ends it too
  answering: ['answered_elsewhere', 'missed', 'failed', 'hung_up_local', 'hung_up_remote'],
  dialing: ['hung_up_local', 'busy', 'declined', 'failed'],
  early: ['hung_up_local', 'busy', 'declined', 'failed'],
  active: ['hung_up_local', 'hung_up_remote', 'failed', 'transferred'],
  held: ['hung_up_local', 'hung_up_remote', 'failed', 'transferred'],
  consulting: ['hung_up_local', 'hung_up_remote', 'failed', 'transferred'],
  transferring: ['hung_up_local', 'hung_up_remote', 'failed', 'transferred'],
};

/** Endable reasons for a state (empty for `ended`). */
export const endReasonsFrom = (s: CallState): readonly EndReason[] => (s.name === 'ended' ? [] : END_FROM[s.name]);

/**
 * The state after `event`, or undefined when the move is impossible.
 * Pure: the same (state, event) always gives the same answer.
 */
export function nextCallState(s: CallState, e: CallEvent): CallState | undefined {
  if (s.name === 'ended') return undefined;
  switch (e.type) {
    case 'answer':
      return s.name === 'ringing' ? { name: 'answering' } : undefined;
    case 'progress':
      // a second 18x (180 then 183) keeps the call early
      return s.name === 'dialing' || s.name === 'early' ? { name: 'early' } : undefined;
    case 'established':
      return s.name === 'answering' || s.name === 'dialing' || s.name === 'early' ? { name: 'active' } : undefined;
    case 'hold':
      return s.name === 'active' ? { name: 'held' } : undefined;
    case 'resume':
      return s.name === 'held' ? { name: 'active' } : undefined;
    case 'consultEnded':
      return s.name === 'consulting' ? { name: 'held' } : undefined;
    case 'consult':
      return s.name === 'active' || s.name === 'held' ? { name: 'consulting', consultId: e.consultId } : undefined;
    case 'transfer':
      return s.name === 'active' || s.name === 'held' || s.name === 'consulting' ? { name: 'transferring', from: s } : undefined;
    case 'transferFailed':
      return s.name === 'transferring' ? s.from : undefined;
    case 'end': {
      if (!END_FROM[s.name].includes(e.reason)) return undefined;
      return e.sipStatus === undefined ? { name: 'ended', reason: e.reason } : { name: 'ended', reason: e.reason, sipStatus: e.sipStatus };
    }
  }
}

/** Whether `event` is a legal move from `state`. */
export const canMove = (s: CallState, e: CallEvent): boolean => nextCallState(s, e) !== undefined;

/** A call: its identity, its state and the facts the call log needs. Times are epoch milliseconds. */
/**
 * What it takes to end a call's SIP dialog from an engine that did not make it: the one that
 * took over after the call's own engine died (its peer connection died with it, but the far
 * end still holds the call). The URIs and routes as the dialog holds them (RFC 3261 §12).
 */
export type DialogRef = {
  callId: string;
  localTag: string;
  remoteTag: string;
  localUri: string;
  remoteUri: string;
  remoteTarget: string;
  routeSet: string[];
  /** Our last CSeq in the dialog when it was confirmed (none yet for a call we answered). */
  localSeq?: number;
};

export type Call = {
  id: CallId;
  direction: CallDirection;
  /** SIP Call-ID of the dialog. */
  sipCallId: string;
  /** The other party: SIP URI, the number (user part) to show and dial back, a display name if sent. */
  remote: { uri: string; number: string; displayName?: string };
  /** The queue (ring group) an inbound call came through, e.g. '8000'. */
  queue?: string;
  state: CallState;
  /** The agent's microphone is muted on this call. */
  muted: boolean;
  /** When it started ringing here (inbound) or was dialled (outbound). */
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  /** Set on a consult call: the call whose caller waits for this one. */
  consultFor?: CallId;
  /** Where this call was (or is being) transferred to. */
  transferTarget?: string;
  /** Set when this call replaced another one (we were transferred: INVITE with Replaces / REFER followed). */
  replaces?: CallId;
  /** Its confirmed dialog, from the answer on (see {@link DialogRef}). */
  dialog?: DialogRef;
};

export type NewCall = Omit<Call, 'state' | 'muted' | 'startedAt' | 'answeredAt' | 'endedAt'>;

/** A new call in its first state: `ringing` (inbound) or `dialing` (outbound). */
export const newCall = (c: NewCall, now: number): Call => ({
  ...c,
  state: { name: c.direction === 'inbound' ? 'ringing' : 'dialing' },
  muted: false,
  startedAt: now,
});

/**
 * Applies `event` at `now`; undefined when the move is impossible (the call is
 * unchanged). Records the answer time on the first `established` and the end time.
 */
export function moveCall(c: Call, e: CallEvent, now: number): Call | undefined {
  const state = nextCallState(c.state, e);
  if (!state) return undefined;
  const next: Call = { ...c, state };
  if (e.type === 'established' && next.answeredAt === undefined) next.answeredAt = now;
  if (state.name === 'ended') next.endedAt = now;
  return next;
}

/** True while the call is connected (media may flow): active, held, consulting or transferring. */
export const isConnected = (s: CallState): boolean => s.name === 'active' || s.name === 'held' || s.name === 'consulting' || s.name === 'transferring';

/** True until the call ends. */
export const isLive = (s: CallState): boolean => s.name !== 'ended';

/** True while the call still rings or is being set up (no media yet in both directions). */
export const isSettingUp = (s: CallState): boolean => s.name === 'ringing' || s.name === 'answering' || s.name === 'dialing' || s.name === 'early';

/** Whether the agent can mute or unmute now (any live call past ringing). */
export const canMute = (s: CallState): boolean => isLive(s) && s.name !== 'ringing';

/** Whether DTMF can be sent now (only on an active call: digits go to whoever we talk to). */
export const canSendDtmf = (s: CallState): boolean => s.name === 'active';
