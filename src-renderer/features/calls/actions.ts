/**
 * What the agent can do with each call, decided from our call-state machine's state alone
 * (the engine checks every move again and refuses impossible ones). Pure.
 *
 * | state        | buttons                                              |
 * | ------------ | ---------------------------------------------------- |
 * | ringing      | Answer (holds whoever the agent talks to), Decline   |
 * | answering    | Mute/Unmute, Hang up                                 |
 * | dialing/early| Mute/Unmute, Hang up (cancels)                       |
 * | active       | Hold, Mute/Unmute, Transfer, Keypad, Hang up         |
 * | held         | Resume, Transfer, Hang up                            |
 * | consulting   | Complete transfer, Return to caller, Hang up         |
 * | transferring | Hang up                                              |
 *
 * A consult call (the second leg of an attended transfer) is not itself transferred: its
 * caller's card carries Complete / Return.
 */
import type { Call, CallStateName } from '../../../src-shared/calls';

export type CallAction = 'answer' | 'decline' | 'hold' | 'resume' | 'mute' | 'unmute' | 'transfer' | 'completeTransfer' | 'returnToCaller' | 'keypad' | 'hangup';

/** The buttons of a call, in the order the call bar shows them. */
export function callActions(call: Call): CallAction[] {
  const mute: CallAction = call.muted ? 'unmute' : 'mute';
  const leg = call.consultFor !== undefined;
  switch (call.state.name) {
    case 'ringing':
      return ['answer', 'decline'];
    case 'answering':
    case 'dialing':
    case 'early':
      return [mute, 'hangup'];
    case 'active':
      return leg ? [mute, 'keypad', 'hangup'] : ['hold', mute, 'transfer', 'keypad', 'hangup'];
    case 'held':
      return leg ? ['resume', 'hangup'] : ['resume', 'transfer', 'hangup'];
    case 'consulting':
      return ['completeTransfer', 'returnToCaller', 'hangup'];
    case 'transferring':
      return ['hangup'];
    case 'ended':
      return [];
  }
}

/** Ringing calls, oldest first (the one Answer hotkey takes). */
export const ringingCalls = (calls: readonly Call[]): Call[] => calls.filter((c) => c.state.name === 'ringing').sort((a, b) => a.startedAt - b.startedAt);

/**
 * The call the agent is talking on (what Hang up and Mute hotkeys act on): `active` first,
 * else an outbound call being set up, else one being answered; newest first. Never a held or
 * consulting caller, never a ringing call (same rule as main's global hotkeys).
 */
export const currentCall = (calls: readonly Call[]): Call | undefined => {
  const newest = [...calls].sort((a, b) => b.startedAt - a.startedAt);
  const tiers: readonly (readonly CallStateName[])[] = [['active'], ['early', 'dialing'], ['answering']];
  for (const states of tiers) {
    const hit = newest.find((c) => states.includes(c.state.name));
    if (hit) return hit;
  }
  return undefined;
};

/**
 * Before resuming `id`: the other calls the agent talks on, to hold first (switching between
 * two callers must never put both on the line). A consult leg and its caller are a pair:
 * resuming one never holds the other here (the engine's transfer steps handle that).
 */
export const callsToHoldBeforeResume = (calls: readonly Call[], id: string): Call[] => {
  const target = calls.find((c) => c.id === id);
  if (!target) return [];
  return calls.filter((c) => c.id !== id && c.state.name === 'active' && c.consultFor !== id && target.consultFor !== c.id);
};

/** When the timer of a call starts: the answer (talk time) once answered, else when it started ringing or was dialled. */
export const timerStart = (c: Call): number => c.answeredAt ?? c.startedAt;

/** Whether any call is live past ringing (the agent is on a call; sign-out would drop it). */
export const hasCallInProgress = (calls: readonly Call[]): boolean => calls.some((c) => c.state.name !== 'ringing' && c.state.name !== 'ended');
