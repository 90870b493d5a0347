/**
 * How the agent state follows the phone, and what the state switcher may offer. Pure: the
 * decisions are tested in Node; agent.ts only feeds them and applies the answers with
 * `agentStep`.
 *
 * - Registration: `registered` → telephonyUp; `down` / `stopped` → telephonyDown (the agent
 *   goes Not Ready "telephony down" and back to Ready only once registered again);
 *   `connecting` / `registering` change nothing.
 * - Calls: any call live past ringing (answering, dialling, talking, held, consulting,
 *   transferring) → callStarted; none left while On call → callsEnded. A call that only
 *   rings (call waiting, or while Not Ready) changes nothing.
 */
import { telephonyEventOf, type AgentEvent, type AgentState, type AgentStatus, type AgentTarget, type PreflightResult } from '../../../src-shared/agent';
import type { Preflight, Registration } from '../../../src-shared/calls';

/** What the agent state needs to know of the phone. */
export type PhoneFacts = { registration: Registration['status']; onCall: boolean };

export const phoneFacts = (view: { registration: Registration; calls: readonly { state: { name: string } }[] }): PhoneFacts => ({
  registration: view.registration.status,
  onCall: view.calls.some((c) => c.state.name !== 'ringing' && c.state.name !== 'ended'),
});

/**
 * The agent-state events a change of the phone means. `prev` is null on the first look (after
 * sign-in or a reload: the state may be restored, so the registration is always applied).
 */
export function agentEventsFor(prev: PhoneFacts | null, next: PhoneFacts, state: AgentState): AgentEvent[] {
  const events: AgentEvent[] = [];
  if (prev === null || prev.registration !== next.registration) {
    const e = telephonyEventOf(next.registration);
    if (e) events.push(e);
  }
  const onCall = state.status.name === 'on_call';
  if (next.onCall && !onCall && state.status.name !== 'offline') events.push({ type: 'callStarted' });
  if (!next.onCall && onCall) events.push({ type: 'callsEnded' });
  return events;
}

/** The preflight as the agent-state machine takes it. */
export const preflightResultOf = (p: Preflight): PreflightResult => ({ microphone: p.microphone.ok, speaker: p.speaker.ok, registration: p.registration.ok });

export type PreflightPart = 'microphone' | 'speaker' | 'registration';

/** Why Ready cannot be chosen now (null: it can; a preflight still runs when it is chosen). */
export type ReadyBlock = { why: 'not_configured' } | { why: 'telephony_down' } | { why: 'preflight'; failed: PreflightPart[] };

export function readyBlock(o: { telephonyConfigured: boolean | 'unknown'; registered: boolean; preflight: PreflightResult | undefined }): ReadyBlock | null {
  if (o.telephonyConfigured === false) return { why: 'not_configured' };
  if (!o.registered) return { why: 'telephony_down' };
  const p = o.preflight;
  if (p) {
    const failed = (['microphone', 'speaker', 'registration'] as const).filter((k) => !p[k]);
    // registration is checked live above; an old failed check of it does not block
    const blocking = failed.filter((k) => k !== 'registration');
    if (blocking.length > 0) return { why: 'preflight', failed: blocking };
  }
  return null;
}

/** Where the agent goes after the current call (or is now, outside a call). */
export const effectiveTarget = (s: AgentState): AgentTarget => {
  const st = s.status;
  if (st.name === 'on_call' || st.name === 'after_call_work') return s.requested ?? { name: 'ready' };
  if (st.name === 'not_ready' && s.resume) return s.resume;
  if (st.name === 'not_ready') return { name: 'not_ready', reason: st.reason };
  return st.name === 'ready' ? { name: 'ready' } : { name: 'offline' };
};

/**
 * The Ready / Not Ready hotkey: Ready ↔ Not Ready (with the last reason chosen); in after-call
 * work it means "done, Ready"; on a call it flips the state asked for after the call.
 */
export const toggleTarget = (s: AgentState, lastReason: string | null, reasons: readonly { id: string }[]): AgentTarget => {
  const notReady: AgentTarget = { name: 'not_ready', reason: lastReason ?? reasons[0]?.id ?? 'break' };
  switch (s.status.name) {
    case 'ready':
      return notReady;
    case 'after_call_work':
      return { name: 'ready' };
    case 'on_call':
      return effectiveTarget(s).name === 'ready' ? notReady : { name: 'ready' };
    default:
      return { name: 'ready' };
  }
};

/** What is reported to the desk (`POST /api/presence`): the agent state, its times as ISO 8601. */
export type PresenceReport = {
  status: AgentStatus;
  /** When the status began. */
  since: string;
  /** Where the agent goes when the current call and its after-call work end. */
  requested: AgentTarget | null;
  telephony: 'up' | 'down';
  /** After-call work ends by itself at this time (fixed policy). */
  until?: string;
};

export const presenceOf = (s: AgentState): PresenceReport => {
  const r: PresenceReport = { status: s.status, since: new Date(s.since).toISOString(), requested: s.requested ?? null, telephony: s.telephony };
  if (s.status.name === 'after_call_work' && s.status.until !== undefined) r.until = new Date(s.status.until).toISOString();
  return r;
};

/** Whether two reports say the same (the desk is told only about changes). */
export const samePresence = (a: PresenceReport | null, b: PresenceReport): boolean => a !== null && JSON.stringify(a) === JSON.stringify(b);

/** Whether the desk's telephony is configured, from the calls feature's status kind ('unknown' while it loads or cannot be asked). */
export const telephonyConfiguredOf = (kind: string): boolean | 'unknown' =>
  kind === 'configured' ? true : kind === 'not_configured' || kind === 'invalid' ? false : 'unknown';
