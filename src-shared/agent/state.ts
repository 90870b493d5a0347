/**
 * The agent-state machine: whether this agent's seat takes queue calls.
 *
 * ```
 *            signIn                      request(ready) [telephony up, preflight ok]
 *  offline ─────────► not_ready{reason} ◄──────────────────────────────► ready
 *     ▲                 │   ▲   │  request(not_ready{reason})               │
 *     │ signOut         │   │   └── telephonyDown ──► not_ready{telephony_down} ◄─ telephonyDown ─┘
 *     │                 │   │                             │ telephonyUp: back to what it was
 *     │                 │   └─────────────────────────────┘ (Ready only once registered again)
 *     │     callStarted ▼                                   ▼ callStarted
 *     │              on_call ──callsEnded──► after_call_work{until?} ──tick ≥ until / acwDone──►
 *     │                                                       the requested state, else what
 *     │                                                       the agent was before the call
 * ```
 *
 * - A state asked for during a call (`request`) is kept in `requested` and
 *   taken when after-call work ends; asked for during after-call work, it ends
 *   the after-call work now.
 * - After-call work follows the desk's policy: a fixed duration (`until`), until
 *   the agent says done (`acwDone`), or none.
 * - While telephony is down (not registered) the agent cannot be Ready: a Ready
 *   agent is forced to Not Ready `telephony_down` and goes back to Ready only
 *   on `telephonyUp` (re-registered). An agent who was Not Ready for another
 *   reason goes back to that reason.
 * - Ready needs a passing preflight (microphone, speaker, registration).
 *
 * Pure: `agentStep(state, event, now)`; a refused move returns a reason and
 * leaves the state as it was.
 */

/** Reasons the workstation itself sets (desk reasons such as `break`, `meal`, `training`, `meeting` are data). */
export const SYSTEM_NOT_READY = {
  /** Just signed in; the agent has not chosen yet. */
  signedIn: 'signed_in',
  /** Not registered: calls cannot reach this seat. */
  telephonyDown: 'telephony_down',
  /** The microphone, the speaker or the registration failed the preflight. */
  preflightFailed: 'preflight_failed',
} as const;

export type AgentStatus =
  | { name: 'offline' }
  | { name: 'ready' }
  | { name: 'not_ready'; reason: string }
  | { name: 'on_call' }
  | { name: 'after_call_work'; until?: number };

/** A state the agent can ask for. */
export type AgentTarget = { name: 'ready' } | { name: 'not_ready'; reason: string } | { name: 'offline' };

/** The desk's after-call-work policy. */
export type AcwPolicy = { kind: 'fixed'; seconds: number } | { kind: 'manual' } | { kind: 'none' };

export type PreflightResult = { microphone: boolean; speaker: boolean; registration: boolean };

export type AgentState = {
  status: AgentStatus;
  /** When the status last changed (epoch ms). */
  since: number;
  /** Where to go when the current call's after-call work ends. */
  requested?: AgentTarget;
  telephony: 'up' | 'down';
  /** While forced Not Ready `telephony_down`: where to go back once telephony is up. */
  resume?: AgentTarget;
  preflight?: PreflightResult;
  acw: AcwPolicy;
};

export type AgentEvent =
  | { type: 'signIn' }
  | { type: 'signOut' }
  | { type: 'request'; target: AgentTarget }
  /** A call connected (answered, or dialled out). */
  | { type: 'callStarted' }
  /** The last call ended. */
  | { type: 'callsEnded' }
  | { type: 'acwDone' }
  /** Time passed (ends a fixed after-call work at `until`). */
  | { type: 'tick' }
  /** The phone is not registered (transport lost, registrar restarted, credentials refused). */
  | { type: 'telephonyDown' }
  /** Registered again. */
  | { type: 'telephonyUp' }
  | { type: 'preflight'; result: PreflightResult }
  | { type: 'setAcwPolicy'; policy: AcwPolicy };

export type AgentRefusal = 'INVALID_MOVE' | 'TELEPHONY_DOWN' | 'PREFLIGHT_FAILED' | 'RESERVED_REASON';
export type AgentStepResult = { ok: true; state: AgentState } | { ok: false; code: AgentRefusal; message: string };

/** A signed-out agent. */
export const initialAgentState = (now: number, acw: AcwPolicy = { kind: 'manual' }): AgentState => ({ status: { name: 'offline' }, since: now, telephony: 'down', acw });

export const preflightPasses = (p: PreflightResult | undefined): boolean => !!p && p.microphone && p.speaker && p.registration;

const isSystemReason = (r: string): boolean => (Object.values(SYSTEM_NOT_READY) as string[]).includes(r);

const refuse = (code: AgentRefusal, message: string): AgentStepResult => ({ ok: false, code, message });

function withStatus(s: AgentState, status: AgentStatus, now: number, patch: Partial<AgentState> = {}): AgentState {
  const same = JSON.stringify(s.status) === JSON.stringify(status);
  const next: AgentState = { ...s, ...patch, status, since: same ? s.since : now };
  for (const k of ['requested', 'resume'] as const) if (k in patch && patch[k] === undefined) delete next[k];
  return next;
}

/** Where `target` actually lands given telephony and preflight (Ready may be impossible right now). */
function land(s: AgentState, target: AgentTarget, now: number): AgentState {
  const clear = { requested: undefined, resume: undefined };
  if (target.name === 'offline') return withStatus(s, { name: 'offline' }, now, clear);
  if (target.name === 'not_ready') {
    if (s.telephony === 'down') return withStatus(s, { name: 'not_ready', reason: SYSTEM_NOT_READY.telephonyDown }, now, { requested: undefined, resume: target });
    return withStatus(s, target, now, clear);
  }
  if (s.telephony === 'down') return withStatus(s, { name: 'not_ready', reason: SYSTEM_NOT_READY.telephonyDown }, now, { requested: undefined, resume: target });
  if (s.preflight && !preflightPasses(s.preflight)) return withStatus(s, { name: 'not_ready', reason: SYSTEM_NOT_READY.preflightFailed }, now, clear);
  return withStatus(s, { name: 'ready' }, now, clear);
}

/** Leaves after-call work (or a call without after-call work) for the requested state. */
const leaveCall = (s: AgentState, now: number): AgentState => land(s, s.requested ?? { name: 'ready' }, now);

/** The state after `event` at `now`, or why the move is refused. */
export function agentStep(s: AgentState, e: AgentEvent, now: number): AgentStepResult {
  const st = s.status;
  switch (e.type) {
    case 'signIn':
      if (st.name !== 'offline') return refuse('INVALID_MOVE', 'already signed in');
      return { ok: true, state: withStatus(s, { name: 'not_ready', reason: SYSTEM_NOT_READY.signedIn }, now) };

    case 'signOut':
      if (st.name === 'offline') return { ok: true, state: s };
      if (st.name === 'on_call') return { ok: true, state: { ...s, requested: { name: 'offline' } } };
      return { ok: true, state: withStatus(s, { name: 'offline' }, now, { requested: undefined, resume: undefined }) };

    case 'request': {
      const t = e.target;
      if (st.name === 'offline') return refuse('INVALID_MOVE', 'sign in first');
      if (t.name === 'not_ready' && isSystemReason(t.reason)) return refuse('RESERVED_REASON', `${t.reason} is set by the workstation`);
      if (t.name === 'offline') return agentStep(s, { type: 'signOut' }, now);
      if (st.name === 'on_call') return { ok: true, state: { ...s, requested: t } };
      if (t.name === 'ready') {
        if (s.telephony === 'down') return refuse('TELEPHONY_DOWN', 'the phone is not registered');
        if (!preflightPasses(s.preflight)) return refuse('PREFLIGHT_FAILED', 'microphone, speaker and registration must pass the preflight');
        return { ok: true, state: withStatus(s, { name: 'ready' }, now, { requested: undefined, resume: undefined }) };
      }
      // not_ready with a desk reason; while telephony is down it is where the agent goes back to
      if (st.name === 'not_ready' && st.reason === SYSTEM_NOT_READY.telephonyDown) return { ok: true, state: { ...s, resume: t } };
      return { ok: true, state: withStatus(s, t, now, { requested: undefined }) };
    }

    case 'callStarted':
      if (st.name === 'offline') return refuse('INVALID_MOVE', 'signed out');
      if (st.name === 'on_call') return { ok: true, state: s };
      {
        // after the call, back to what the agent was (a Not Ready reason stays), unless they ask otherwise
        const requested: AgentTarget | undefined =
          s.requested ?? (st.name === 'not_ready' ? (st.reason === SYSTEM_NOT_READY.telephonyDown ? s.resume : { name: 'not_ready', reason: st.reason }) : undefined);
        return { ok: true, state: withStatus(s, { name: 'on_call' }, now, { requested, resume: undefined }) };
      }

    case 'callsEnded': {
      if (st.name !== 'on_call') return refuse('INVALID_MOVE', 'not on a call');
      const p = s.acw;
      if (p.kind === 'none' || (p.kind === 'fixed' && p.seconds <= 0)) return { ok: true, state: leaveCall(s, now) };
      const status: AgentStatus = p.kind === 'fixed' ? { name: 'after_call_work', until: now + p.seconds * 1000 } : { name: 'after_call_work' };
      return { ok: true, state: withStatus(s, status, now) };
    }

    case 'acwDone':
      if (st.name !== 'after_call_work') return refuse('INVALID_MOVE', 'not in after-call work');
      return { ok: true, state: leaveCall(s, now) };

    case 'tick':
      if (st.name === 'after_call_work' && st.until !== undefined && now >= st.until) return { ok: true, state: leaveCall(s, now) };
      return { ok: true, state: s };

    case 'telephonyDown': {
      if (s.telephony === 'down' && !(st.name === 'ready')) return { ok: true, state: s };
      const down: AgentState = { ...s, telephony: 'down' };
      if (st.name === 'ready') return { ok: true, state: withStatus(down, { name: 'not_ready', reason: SYSTEM_NOT_READY.telephonyDown }, now, { resume: { name: 'ready' } }) };
      if (st.name === 'not_ready' && st.reason !== SYSTEM_NOT_READY.telephonyDown) {
        return { ok: true, state: withStatus(down, { name: 'not_ready', reason: SYSTEM_NOT_READY.telephonyDown }, now, { resume: { name: 'not_ready', reason: st.reason } }) };
      }
      // on a call or in after-call work: calls may survive; the next state is decided when they end
      return { ok: true, state: down };
    }

    case 'telephonyUp': {
      const up: AgentState = { ...s, telephony: 'up' };
      if (st.name === 'not_ready' && st.reason === SYSTEM_NOT_READY.telephonyDown) return { ok: true, state: land(up, s.resume ?? { name: 'not_ready', reason: SYSTEM_NOT_READY.signedIn }, now) };
      return { ok: true, state: up };
    }

    case 'preflight': {
      const next: AgentState = { ...s, preflight: e.result };
      if (st.name === 'ready' && !preflightPasses(e.result)) return { ok: true, state: withStatus(next, { name: 'not_ready', reason: SYSTEM_NOT_READY.preflightFailed }, now) };
      return { ok: true, state: next };
    }

    case 'setAcwPolicy':
      return { ok: true, state: { ...s, acw: e.policy } };
  }
}

/** True when the seat should ring for queue calls (the desk server keeps ring-group membership from this). */
export const takesQueueCalls = (s: AgentState): boolean => s.status.name === 'ready';

/** When the host should send the next `tick` (end of a fixed after-call work), or undefined. */
export const nextAgentDeadline = (s: AgentState): number | undefined => (s.status.name === 'after_call_work' ? s.status.until : undefined);

/** The agent-state event a registration change means: registered → up, anything else after a start → down. */
export const telephonyEventOf = (registrationStatus: string): AgentEvent | undefined =>
  registrationStatus === 'registered' ? { type: 'telephonyUp' } : registrationStatus === 'down' || registrationStatus === 'stopped' ? { type: 'telephonyDown' } : undefined;
